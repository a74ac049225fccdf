import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import { seasonRoleAttempts } from '../../seasons/season-role-retries.ts';
import { PlatformRefusedError } from '../ports.ts';
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

    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 1, roles: 1 });
    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 0, roles: 0 });

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

describe("the close-seasons tick, when a winner's role cannot be given", () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  /** A season ended now with one winner (Discord user 9001) and a Discord role; not closed yet. */
  async function seasonWithWinner(discord: FakeDiscord) {
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    const t = tandem;
    const winner = await t.createPlayer('Winner');
    await t.db.prisma.identity.create({
      data: { playerId: winner, platform: 'discord', platformUserId: '9001' },
    });
    const startsAt = new Date(Date.now() - 60_000);
    await t.engine.record({
      key: `test-season-role-${winner}`,
      playerId: winner,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 40,
      reason: 'message',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const season = await t.db.prisma.season.create({
      data: { name: 'Sprint', startsAt, endsAt: new Date(), winners: 1, discordRoleId: '777' },
    });
    const result = () =>
      t.db.prisma.seasonResult.findUniqueOrThrow({
        where: { seasonId_place: { seasonId: season.id, place: 1 } },
      });
    return { t, ctx: { ...t, workerName: 'test' }, result };
  }

  it('records a refusal with the reason, once, and never asks Discord again', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 1;
    discord.failWith = () =>
      new PlatformRefusedError(
        'discord',
        'user 9001 is not a member of server 1 (they left or were removed)',
      );
    const { t, ctx, result } = await seasonWithWinner(discord);
    const warn = vi.spyOn(t.logger, 'warn');
    const error = vi.spyOn(t.logger, 'error');

    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 1, roles: 0 });
    expect(await result()).toMatchObject({
      roleGrantedAt: null,
      roleAttempts: 1,
      roleRefusedAt: expect.any(Date),
      roleRefusal: 'discord refused: user 9001 is not a member of server 1 (they left or were removed)',
    });
    // Later ticks, even hours later, leave it alone: only an admin's change can help.
    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 0, roles: 0 });
    expect(await closeSeasonsTick(ctx, minutes(600))).toMatchObject({ closed: 0, roles: 0 });
    expect(discord.calls).toEqual(['grantRole 9001 777']);
    expect(discord.rolesOf('9001')).toEqual([]);
    // An expected refusal is no warning nor error in the logs.
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('retries a transient failure after a pause, then gives the role', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 2;
    const { ctx, result } = await seasonWithWinner(discord);

    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 1, roles: 0 });
    const paused = await result();
    expect(paused).toMatchObject({ roleAttempts: 1, roleRefusedAt: null, roleGrantedAt: null });
    // Within the pause nothing is tried.
    expect(await closeSeasonsTick(ctx)).toMatchObject({ closed: 0, roles: 0 });
    expect(discord.calls).toHaveLength(1);

    expect(await closeSeasonsTick(ctx, minutes(1.5))).toMatchObject({ closed: 0, roles: 0 });
    expect(await result()).toMatchObject({ roleAttempts: 2, roleRefusedAt: null });
    expect(await closeSeasonsTick(ctx, minutes(2))).toMatchObject({ closed: 0, roles: 0 });
    expect(discord.calls).toHaveLength(2);

    expect(await closeSeasonsTick(ctx, minutes(5))).toMatchObject({ closed: 0, roles: 1 });
    expect(discord.rolesOf('9001')).toEqual(['777']);
    expect(await result()).toMatchObject({ roleGrantedAt: expect.any(Date), roleRefusedAt: null });
    expect(await closeSeasonsTick(ctx, minutes(600))).toMatchObject({ closed: 0, roles: 0 });
    expect(discord.calls).toHaveLength(3);
  });

  it('gives up after the last attempt and records why', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 100;
    const { ctx, result } = await seasonWithWinner(discord);

    // Each tick far enough apart for any pause to be over.
    for (let tick = 0; tick < seasonRoleAttempts + 2; tick++) await closeSeasonsTick(ctx, minutes(tick * 61));

    expect(discord.calls).toHaveLength(seasonRoleAttempts);
    expect(await result()).toMatchObject({
      roleGrantedAt: null,
      roleAttempts: seasonRoleAttempts,
      roleRefusedAt: expect.any(Date),
      roleRefusal: `gave up after ${seasonRoleAttempts} failed attempts: Discord is down (fake 503)`,
    });
  });
});
