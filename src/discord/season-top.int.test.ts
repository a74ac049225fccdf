import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';

let harness: DiscordBotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('/top season on Discord', () => {
  it("shows the running season's board, by XP gained in it", async () => {
    const h = await startDiscordBotHarness();
    harness = h;
    const { world, tandem } = h;
    const top = async (options?: Record<string, unknown>) =>
      (await h.runCommand(world.users.alice, 'top', options)).original?.content ?? '';

    expect(await top({ season: true })).toBe('No season is running now. /top shows the all-time leaders.');
    await tandem.db.prisma.season.create({
      data: {
        name: 'Frost',
        startsAt: new Date(Date.now() - 1000),
        endsAt: new Date('2099-03-01T18:00:00Z'),
      },
    });
    await top();
    const alice = (await h.playerOf(world.users.alice))!;
    await tandem.engine.record({
      key: 'test-season-top-alice',
      playerId: alice,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 25,
      reason: 'message',
    });
    expect(await top({ season: true })).toBe(
      '🏁 Frost: XP gained this season\n🥇 alice: 25 XP\nIt ends 2099-03-01 18:00 UTC.',
    );
  });
});
