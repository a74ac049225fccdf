import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterEach(async () => {
  await harness.control.clearFaults();
});
afterAll(async () => {
  await harness?.stop();
});

async function newMembers(count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const user = await harness.control.createUser({ username: `${prefix}${n}` });
    await harness.control.addMember(harness.world.guildId, { userId: user.id });
    ids.push(user.id);
  }
  return ids;
}

/** What /daily should have said, from the player's totals and their daily rows in the ledger. */
async function creditedDaily(discordUserId: string): Promise<{ dailies: number; says: string }> {
  const playerId = await harness.playerOf(discordUserId);
  const { rows } = await harness.tandem.db.pool.query<{ xp: number; balance: number; dailies: number }>(
    `SELECT xp, balance,
            (SELECT count(*)::int FROM ledger_entries WHERE player_id = $1 AND reason = 'daily') AS dailies
       FROM players WHERE id = $1`,
    [playerId],
  );
  const { xp, balance, dailies } = rows[0]!;
  return { dailies, says: `You now have ${xp} XP and ${balance} coins.` };
}

const runDaily = (userId: string) =>
  harness.control.runCommand({ channelId: harness.world.channels.general, userId, name: 'daily' });

describe('slash command answers under Discord rate limits', () => {
  it('answers each of 50 concurrent /daily exactly once, waiting out a 429 on the interaction callback', async () => {
    const members = await newMembers(50, 'burst');
    // Shorter than Discord's 3 s answer window: waiting it out still answers in time.
    await harness.control.rateLimitStorm({ durationMs: 1_000, scope: 'route', route: '/interactions/' });
    const created = await Promise.all(members.map(runDaily));

    for (const [index, userId] of members.entries()) {
      const done = await harness.control.interaction(created[index]!.id, {
        until: 'completed',
        timeoutMs: 10_000,
      });
      const { dailies, says } = await creditedDaily(userId);
      expect(dailies).toBe(1);
      expect(done.response?.type).toBe(4);
      expect(done.original?.content).toContain(says);
      expect(done.followups).toEqual([]);
    }
  });

  it('logs at warn what it would have answered when the 429 outlasts the interaction, and credits once', async () => {
    const members = await newMembers(10, 'storm');
    const logsBefore = harness.logs.length;
    // Longer than the answer window: no answer can arrive in time.
    await harness.control.rateLimitStorm({ durationMs: 8_000, scope: 'route', route: '/interactions/' });
    const created = await Promise.all(members.map(runDaily));

    const lostAnswers = () =>
      harness.logs
        .slice(logsBefore)
        .filter((line) => String(line.msg).startsWith('Discord refused the answer to a slash command'));
    await waitFor(async () => lostAnswers().length === members.length, 'every lost answer logged');

    for (const [index, userId] of members.entries()) {
      const { dailies, says } = await creditedDaily(userId);
      expect(dailies).toBe(1);
      const lost = lostAnswers().find((line) => line.interactionId === created[index]!.id);
      expect(lost).toMatchObject({
        level: 40,
        command: 'daily',
        userId,
        lost: expect.stringContaining(says),
      });
    }
    expect(harness.logs.slice(logsBefore).filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});
