import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import { closeSeasonsTick } from './close-seasons.ts';

let tandem: TestTandem | undefined;
afterEach(async () => {
  await tandem?.stop();
  tandem = undefined;
});

describe('the close-seasons tick', () => {
  it('rewards, announces once where rank-ups are announced, and gives the winners the role', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram: new FakeTelegram(), discord } });
    const t = tandem;
    const ctx = { ...t, workerName: 'test' };
    await t.db.prisma.setting.create({
      data: {
        key: 'announcements',
        value: { rankUp: { discordChannelId: '555', telegramChatId: '-100200', dm: true } },
      },
    });
    const winner = await t.createPlayer('w@nner');
    await t.db.prisma.identity.create({
      data: { playerId: winner, platform: 'discord', platformUserId: '9001' },
    });
    const startsAt = new Date(Date.now() - 60_000);
    await t.engine.record({
      key: 'test-season-tick-w1',
      playerId: winner,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 40,
      reason: 'message',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const season = await t.db.prisma.season.create({
      data: {
        name: 'Sprint',
        startsAt,
        endsAt: new Date(),
        winners: 3,
        rewards: [{ xp: 10, coins: 25 }],
        discordRoleId: '777',
      },
    });

    expect(await closeSeasonsTick(ctx)).toEqual({ closed: 1, roles: 1 });
    expect(await closeSeasonsTick(ctx)).toEqual({ closed: 0, roles: 0 });

    expect(discord.rolesOf('9001')).toEqual(['777']);
    const rewards = await t.db.prisma.ledgerEntry.findMany({ where: { reason: 'season_reward' } });
    expect(rewards.map((r) => [r.xpDelta, r.coinDelta])).toEqual([[10, 25]]);
    expect(await ledgerMatchesTotals(t)).toBe(true);

    const jobs = await t.queues.notifications.getJobs(['waiting', 'delayed', 'active', 'completed']);
    const posts = jobs.filter((job) => job.name === 'announce').map((job) => job.data) as unknown[];
    expect(posts).toHaveLength(2);
    expect(posts).toContainEqual({
      channel: { platform: 'discord', chatId: '555' },
      message: {
        key: 'notice.announce.seasonWinners',
        params: { season: 'Sprint', winners: '1. w＠nner (40 XP)' },
      },
    });
    expect(posts).toContainEqual(
      expect.objectContaining({ channel: { platform: 'telegram', chatId: '-100200' } }),
    );
    const closed = await t.db.prisma.season.findUniqueOrThrow({ where: { id: season.id } });
    expect(closed.announcedAt).toBeInstanceOf(Date);
  });
});
