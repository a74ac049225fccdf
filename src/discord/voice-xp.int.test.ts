import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotHarness,
  startDiscordBotHarness,
  waitForVoiceCache,
} from '../../test/support/discord-bot-harness.ts';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function voiceMinutes(discordUserId: string): Promise<string[]> {
  const playerId = await harness.playerOf(discordUserId);
  if (!playerId) return [];
  const { rows } = await harness.tandem.db.pool.query<{ idempotency_key: string }>(
    `SELECT idempotency_key FROM ledger_entries WHERE player_id = $1 AND reason = 'voice_minute' ORDER BY id`,
    [playerId],
  );
  return rows.map((row) => row.idempotency_key);
}

async function join(userId: string, channelId: string, state: { selfMute?: boolean } = {}) {
  await harness.control.setVoiceState(harness.world.guildId, userId, {
    channelId,
    selfMute: state.selfMute ?? false,
  });
  await waitForVoiceCache(harness, userId, { channelId, selfMute: state.selfMute ?? false });
}

const minute = (n: number) => new Date(Date.UTC(2026, 10, 22, 12, n, 5));

describe('voice XP', () => {
  it('credits both members talking together, once per minute however often it is asked', async () => {
    const { alice, bob } = harness.world.users;
    await join(alice, harness.world.channels.lounge);
    await join(bob, harness.world.channels.lounge);
    expect(await harness.bot.creditVoiceNow(minute(0))).toBe(2);
    expect(await harness.bot.creditVoiceNow(new Date(minute(0).getTime() + 40_000))).toBe(0);
    expect(await voiceMinutes(alice)).toHaveLength(1);
    expect(await voiceMinutes(bob)).toHaveLength(1);
  });

  it('a muted member earns nothing but keeps the other company', async () => {
    const { alice, bob } = harness.world.users;
    await join(bob, harness.world.channels.lounge, { selfMute: true });
    expect(await harness.bot.creditVoiceNow(minute(1))).toBe(1);
    expect(await voiceMinutes(alice)).toHaveLength(2);
    expect(await voiceMinutes(bob)).toHaveLength(1);
  });

  it('a member alone earns nothing', async () => {
    const { alice, bob } = harness.world.users;
    await harness.control.leaveVoice(harness.world.guildId, bob);
    await waitForVoiceCache(harness, bob, { channelId: null });
    expect(await harness.bot.creditVoiceNow(minute(2))).toBe(0);
    expect(await voiceMinutes(alice)).toHaveLength(2);
  });

  it('nobody earns in the AFK channel, even together', async () => {
    const { alice, bob } = harness.world.users;
    await join(alice, harness.world.channels.afk);
    await join(bob, harness.world.channels.afk);
    expect(await harness.bot.creditVoiceNow(minute(3))).toBe(0);
    await join(alice, harness.world.channels.lounge);
    await join(bob, harness.world.channels.lounge);
    expect(await harness.bot.creditVoiceNow(minute(4))).toBe(2);
    expect(await voiceMinutes(alice)).toHaveLength(3);
  });
});
