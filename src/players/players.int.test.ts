import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { PlayerNotFoundError } from '../core/errors.ts';
import { requestPayout } from '../payouts/request-payout.ts';
import { loadProfile } from './load-profile.ts';
import { resyncPlayer } from './resync-player.ts';
import { topPlayers } from './top-players.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function playerWith(name: string, xp: number, coins = 0): Promise<string> {
  const playerId = await tandem.createPlayer(name);
  await tandem.engine.record({
    key: `admin-seed-1-${playerId}`,
    playerId,
    type: 'reward_grant',
    source: 'admin',
    xpDelta: xp,
    coinDelta: coins,
    reason: 'grant',
  });
  return playerId;
}

describe('the profile', () => {
  it('shows totals, held coins, rank progress, streak, achievements and identities', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWith('Alice', 600, 300);
    await tandem.db.prisma.identity.createMany({
      data: [
        { playerId, platform: 'telegram', platformUserId: '42', username: 'alice_tg' },
        { playerId, platform: 'discord', platformUserId: '4242', username: null },
      ],
    });
    await requestPayout(tandem, { playerId, amount: 100, requestId: 'r1', source: 'telegram' });
    const firstWin = await tandem.db.prisma.achievement.findUniqueOrThrow({ where: { slug: 'first-win' } });
    const unlockedAt = new Date('2026-11-20T12:00:00Z');
    await tandem.db.prisma.playerAchievement.create({
      data: { playerId, achievementId: firstWin.id, unlockedAt },
    });
    const lastDailyAt = new Date('2026-11-22T08:00:00Z');
    await tandem.db.prisma.player.update({ where: { id: playerId }, data: { dailyStreak: 4, lastDailyAt } });

    const profile = await loadProfile(tandem, playerId);
    const rookie = await tandem.db.prisma.rank.findUniqueOrThrow({ where: { name: 'Rookie' } });
    expect(profile).toEqual({
      playerId,
      displayName: 'Alice',
      xp: 600,
      balance: 200,
      heldCoins: 100,
      rank: { id: rookie.id, name: 'Rookie' },
      nextRank: { name: 'Scout', minXp: 1200 },
      xpToNextRank: 600,
      progressPercent: 14,
      dailyStreak: 4,
      lastDailyAt,
      achievements: [{ name: firstWin.name, unlockedAt }],
      identities: { telegram: { username: 'alice_tg' }, discord: { username: null } },
    });
  });

  it("leads a merged account's id to its account, and refuses an unknown player", async () => {
    tandem = await openTestTandem();
    const survivor = await playerWith('Bob', 50);
    const absorbed = await tandem.createPlayer('Bob on Discord');
    await tandem.db.pool.query('UPDATE players SET merged_into_id = $1 WHERE id = $2', [survivor, absorbed]);
    expect(await loadProfile(tandem, absorbed)).toMatchObject({
      playerId: survivor,
      displayName: 'Bob',
      xp: 50,
      rank: { name: 'Newcomer' },
      identities: { telegram: null, discord: null },
    });
    await expect(loadProfile(tandem, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      PlayerNotFoundError,
    );
  });
});

describe('the leaderboard', () => {
  it('lists players by XP with their rank, leaving out merged and empty accounts', async () => {
    tandem = await openTestTandem();
    const carol = await playerWith('Carol', 5_000);
    const dave = await playerWith('Dave', 1_300);
    const erin = await playerWith('Erin', 1_300);
    const merged = await playerWith('Merged', 9_000);
    await tandem.db.pool.query('UPDATE players SET merged_into_id = $1 WHERE id = $2', [carol, merged]);
    await tandem.createPlayer('Newbie');

    expect(await topPlayers(tandem)).toEqual([
      { position: 1, playerId: carol, displayName: 'Carol', xp: 5_000, rankName: 'Challenger' },
      { position: 2, playerId: dave, displayName: 'Dave', xp: 1_300, rankName: 'Scout' },
      { position: 3, playerId: erin, displayName: 'Erin', xp: 1_300, rankName: 'Scout' },
    ]);
    expect((await topPlayers(tandem, { limit: 2 })).map((r) => r.displayName)).toEqual(['Carol', 'Dave']);
    expect(await topPlayers(tandem, { limit: 0 })).toHaveLength(1);
    expect(await topPlayers(tandem, { limit: 1_000 })).toHaveLength(3);
  });
});

describe('/sync', () => {
  async function openLinkedCommunity() {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { discord, telegram: new FakeTelegram() } });
    const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
    for (const [i, rank] of ranks.entries()) {
      await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    }
    const firstWin = await tandem.db.prisma.achievement.update({
      where: { slug: 'first-win' },
      data: { discordRoleId: '950' },
    });
    tandem.startWorkers();
    return { discord, firstWin };
  }

  it('puts drifted totals back and re-applies rank and achievement roles once per minute', async () => {
    const { discord, firstWin } = await openLinkedCommunity();
    const playerId = await playerWith('Fay', 600);
    await tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: '5001' },
    });
    await tandem.engine.record({
      key: `dc-msg-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 10,
      reason: 'message',
    });
    await tandem.settle();
    expect(discord.rolesOf('5001')).toEqual(['901']);
    const noticesBefore = discord.messages.length;

    // A moderator swaps the rank role by hand, an achievement role never arrived, the totals drifted.
    discord.members.set('5001', new Set(['900', 'other']));
    await tandem.db.prisma.playerAchievement.create({ data: { playerId, achievementId: firstWin.id } });
    await tandem.db.pool.query('UPDATE players SET xp = xp + 7 WHERE id = $1', [playerId]);

    const now = new Date('2026-11-22T10:00:05Z');
    const first = await resyncPlayer(tandem, playerId, { now });
    expect(first).toMatchObject({
      totalsFixed: true,
      rolesQueued: true,
      profile: { xp: 610, rank: { name: 'Rookie' } },
    });
    await tandem.settle();
    expect(discord.rolesOf('5001')).toEqual(['901', '950', 'other']);

    // A double tap in the same minute queues nothing more; a later /sync does again.
    expect(await resyncPlayer(tandem, playerId, { now })).toMatchObject({
      totalsFixed: false,
      rolesQueued: false,
    });
    const later = new Date('2026-11-22T10:01:00Z');
    expect(await resyncPlayer(tandem, playerId, { now: later })).toMatchObject({ rolesQueued: true });
    await tandem.settle();
    expect(discord.rolesOf('5001')).toEqual(['901', '950', 'other']);
    // Nothing was announced: the roles were only put back.
    expect(discord.messages).toHaveLength(noticesBefore);
    const { rows } = await tandem.db.pool.query(
      `SELECT split_part(idempotency_key, '-', 2) AS action, count(*)::int AS events FROM sync_events
        WHERE player_id = $1 AND idempotency_key LIKE 'sys-%rolefix-%' GROUP BY 1 ORDER BY 1`,
      [playerId],
    );
    expect(rows).toEqual([
      { action: 'achrolefix', events: 2 },
      { action: 'rolefix', events: 2 },
    ]);
  });

  it('checks the totals of a player without Discord and queues no roles', async () => {
    await openLinkedCommunity();
    const playerId = await playerWith('Gus', 30);
    expect(await resyncPlayer(tandem, playerId)).toMatchObject({
      totalsFixed: false,
      rolesQueued: false,
      profile: { displayName: 'Gus', xp: 30 },
    });
  });
});
