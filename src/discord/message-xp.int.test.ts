import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { economySettingsKey } from '../settings/economy-settings.ts';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function messageRows(discordUserId: string): Promise<number> {
  const playerId = await harness.playerOf(discordUserId);
  if (!playerId) return 0;
  const { rows } = await harness.tandem.db.pool.query(
    `SELECT count(*)::int AS n FROM ledger_entries WHERE player_id = $1 AND reason = 'message'`,
    [playerId],
  );
  return rows[0].n;
}

/** What the bot's message handler decided for this message (waits for it). */
async function outcomeOf(messageId: string, occurrence = 1): Promise<Record<string, unknown>> {
  const outcomes = () =>
    harness.logs.filter((line) => line.msg === 'message XP' && line.messageId === messageId);
  await waitFor(async () => outcomes().length >= occurrence, `message XP decision for ${messageId}`);
  return outcomes()[occurrence - 1]?.result as Record<string, unknown>;
}

function post(authorId: string, content: string) {
  return harness.control.sendMessage(harness.world.channels.general, { authorId, content });
}

describe('message XP', () => {
  it('credits a message once, silently, and the cooldown holds back the next one', async () => {
    const { alice } = harness.world.users;
    const first = await post(alice, 'hello everyone, good game yesterday');
    expect(await outcomeOf(first.id)).toMatchObject({ awarded: true });
    const second = await post(alice, 'and another thing worth saying');
    expect(await outcomeOf(second.id)).toEqual({ awarded: false, reason: 'cooldown' });
    const short = await post(alice, 'ok');
    expect(await outcomeOf(short.id)).toEqual({ awarded: false, reason: 'too_short' });
    expect(await messageRows(alice)).toBe(1);
    // Routine XP gets no answer in the channel.
    expect(
      await harness.control.messages(harness.world.channels.general, { authorId: harness.world.bot.userId }),
    ).toEqual([]);
  });

  it('a resumed gateway replaying a message it already delivered credits it once', async () => {
    const { bob } = harness.world.users;
    const shard = harness.bot.client.ws.shards.first() as unknown as { sessionInfo: { sequence: number } };
    const before = shard.sessionInfo.sequence;
    const message = await post(bob, 'first words from bob today');
    expect(await outcomeOf(message.id)).toMatchObject({ awarded: true });

    // Rewinding the sequence makes the RESUME ask for everything after `before` again: Discord's
    // redelivery of events a client handled but did not get to acknowledge. discord.js itself skips
    // a replayed message still in its channel cache; one swept from it (cache limits) is emitted
    // again, and that is when the per-message key matters.
    const channel = harness.bot.client.channels.cache.get(harness.world.channels.general);
    if (!channel?.isTextBased()) throw new Error('general is not a text channel');
    channel.messages.cache.delete(message.id);
    shard.sessionInfo = { ...shard.sessionInfo, sequence: before };
    await harness.control.dropGateway({ mode: 'abrupt' });
    expect(await outcomeOf(message.id, 2)).toEqual({ awarded: false, reason: 'duplicate' });
    expect(await messageRows(bob)).toBe(1);
    const history = await harness.control.history();
    expect(history.some((event) => event.kind === 'gateway.resumed')).toBe(true);
  });

  it('a settings change announced by the admin side applies at once: a shorter cooldown', async () => {
    const { carol } = harness.world.users;
    const first = await post(carol, 'carol checking in for the raid');
    expect(await outcomeOf(first.id)).toMatchObject({ awarded: true });
    await harness.tandem.db.pool.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2`,
      [economySettingsKey, JSON.stringify({ message: { cooldownSeconds: 1 } })],
    );
    await harness.tandem.changes.publish({ entity: 'settings', action: 'updated', id: economySettingsKey });
    await waitFor(
      async () => (await harness.deps.settings.economy()).message.cooldownSeconds === 1,
      'settings reloaded',
    );
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await post(carol, 'carol again after a short pause');
    expect(await outcomeOf(later.id)).toMatchObject({ awarded: true });
    expect(await messageRows(carol)).toBe(2);
  });

  it('messages from bots earn nothing', async () => {
    const channel = harness.bot.client.channels.cache.get(harness.world.channels.general);
    if (!channel?.isSendable()) throw new Error('general is not a text channel');
    const sent = await channel.send('a message from the bot itself');
    await new Promise((r) => setTimeout(r, 300));
    expect(harness.logs.some((line) => line.messageId === sent.id)).toBe(false);
    expect(await harness.playerOf(harness.world.bot.userId)).toBeNull();
  });
});
