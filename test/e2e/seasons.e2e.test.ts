import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnnouncementSettings } from '../../src/announcements/save-announcement-settings.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { waitFor } from '../support/wait-for.ts';

type PostedInDiscord = { content: string; mention_everyone?: boolean; mentions?: unknown[] };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a season's close through the scheduler (real bots, workers and ports against the emulators)", () => {
  let world: BotWorld;
  let groupId: number;
  let channelId: string;
  let championRole: string;
  let seasonId: number;
  const players: Record<'ana' | 'alice' | 'bob' | 'ben', string> = { ana: '', alice: '', bob: '', ben: '' };
  let lifetimeBefore: Record<string, number> = {};

  const discordPosts = async () =>
    (await world.discord.control.messages(channelId)).filter(
      (m) => m.author.id === world.demo.discord.bot.userId,
    ) as unknown as PostedInDiscord[];
  const groupPosts = () => world.telegram.control.messages(groupId).filter((m) => m.sender.kind === 'bot');
  const lifetimeXp = async () => {
    const { rows } = await world.tandem.db.pool.query<{ id: string; xp: number }>(
      'SELECT id, xp::int AS xp FROM players',
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.xp]));
  };
  const seasonRewards = async () =>
    (
      await world.tandem.db.pool.query<{ player_id: string; xp_delta: number; coin_delta: number }>(
        `SELECT player_id, xp_delta, coin_delta FROM ledger_entries WHERE reason = 'season_reward'
          ORDER BY xp_delta DESC`,
      )
    ).rows;
  /** What the close-seasons ticks the scheduler ran so far answered. */
  const ticks = async () =>
    (await world.tandem.queues.maintenance.getJobs(['completed']))
      .filter((job) => job.name === 'close-seasons')
      .map((job) => job.returnvalue as { closed: number; roles: number });

  beforeAll(async () => {
    world = await openBotWorld();
    groupId = world.demo.telegram.group!.id;
    channelId = world.demo.discord.channels.lounge;
    const { guildId } = world.demo.discord;
    // Below the bot's own role, so the bot may give it.
    championRole = (await world.discord.control.createRole(guildId, { name: 'Champion', position: 1 })).id;
    const [ana, ben] = [world.telegramUser(0), world.telegramUser(1)];
    const [alice, bob] = [world.discordMember('alice'), world.discordMember('bob')];

    // Before the season: Ana's daily (and the demo community's seeded XP) count for nobody's season.
    expect(await ana.command('daily')).toMatch(/\+100 XP/);
    await world.settle();
    await pause(50);
    const startsAt = new Date();
    await pause(50);
    // In the season: Alice's daily beats Bob's one message.
    expect(await alice.command('daily')).toMatch(/\+100 XP/);
    await bob.say('good morning, season players');
    await waitFor(async () => Boolean(await bob.playerId().catch(() => '')), "Bob's first message XP");
    players.bob = await bob.playerId();
    await waitFor(async () => {
      const { rows } = await world.tandem.db.pool.query(
        `SELECT 1 FROM ledger_entries WHERE player_id = $1 AND reason = 'message'`,
        [players.bob],
      );
      return rows.length === 1;
    }, "Bob's message XP");
    await world.settle();
    await pause(50);
    const endsAt = new Date();
    await pause(50);
    // After the season: Ben's daily is too late.
    expect(await ben.command('daily')).toMatch(/\+100 XP/);
    await world.settle();
    players.ana = await ana.playerId();
    players.ben = await ben.playerId();
    players.alice = await alice.playerId();
    // A name that would ping everybody if it were read as a mention, on either platform.
    await world.tandem.db.pool.query(`UPDATE players SET display_name = '@everyone Alice' WHERE id = $1`, [
      players.alice,
    ]);

    await saveAnnouncementSettings(world.tandem, {
      value: { rankUp: { discordChannelId: channelId, telegramChatId: String(groupId) } },
    });
    const season = await world.tandem.db.prisma.season.create({
      data: {
        name: 'Winter Sprint',
        startsAt,
        endsAt,
        winners: 2,
        rewards: [
          { xp: 50, coins: 30 },
          { xp: 20, coins: 10 },
        ],
        discordRoleId: championRole,
      },
    });
    seasonId = season.id;
    lifetimeBefore = await lifetimeXp();
  });
  afterAll(async () => {
    await world?.tandem.queues.maintenance.removeJobScheduler('close-seasons').catch(() => {});
    await world?.stop();
  });

  it('rewards the winners once across scheduler ticks, gives the role, and announces them once, pinging nobody', async () => {
    // The scheduler as Tandem sets it up (maintenance/schedulers.ts), ticking fast.
    await world.tandem.queues.maintenance.upsertJobScheduler(
      'close-seasons',
      { every: 300 },
      { name: 'close-seasons', data: { task: 'close-seasons' } },
    );
    await waitFor(async () => (await ticks()).length >= 3, 'three close-seasons ticks');
    await waitFor(async () => (await discordPosts()).length >= 1, 'the Discord announcement');
    await waitFor(async () => groupPosts().length >= 1, 'the Telegram announcement');
    await world.tandem.queues.maintenance.removeJobScheduler('close-seasons');
    await world.settle();
    // Later ticks found the season closed: exactly one of them closed it.
    const done = await ticks();
    expect(done.reduce((sum, tick) => sum + tick.closed, 0)).toBe(1);

    expect(await seasonRewards()).toEqual([
      { player_id: players.alice, xp_delta: 50, coin_delta: 30 },
      { player_id: players.bob, xp_delta: 20, coin_delta: 10 },
    ]);
    const results = await world.tandem.db.prisma.seasonResult.findMany({
      where: { seasonId },
      orderBy: { place: 'asc' },
    });
    expect(results.map((r) => [r.place, r.playerId, r.xpGained])).toEqual([
      [1, players.alice, 100],
      [2, players.bob, results[1]!.xpGained],
    ]);
    expect(results[1]!.xpGained).toBeGreaterThan(0);
    expect(results[1]!.xpGained).toBeLessThan(100);
    expect(results.every((r) => r.roleGrantedAt && !r.roleRefusedAt)).toBe(true);

    expect(await world.discordMember('alice').roleIds()).toContain(championRole);
    expect(await world.discordMember('bob').roleIds()).toContain(championRole);
    expect(await world.discordMember('carol').roleIds()).not.toContain(championRole);

    const posted = await discordPosts();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toBe(
      `🏁 Winter Sprint is over! Winners: 1. ＠everyone Alice (100 XP), 2. bob (${results[1]!.xpGained} XP)`,
    );
    expect(posted[0]!.content).not.toContain('@');
    expect(posted[0]!.mention_everyone ?? false).toBe(false);
    expect(posted[0]!.mentions ?? []).toEqual([]);
    const inGroup = groupPosts();
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.text).toBe(posted[0]!.content);
    expect(inGroup[0]!.entities ?? []).toEqual([]);
  });

  it("leaves lifetime XP alone: the season's board is read from the ledger, only the rewards add to it", async () => {
    const after = await lifetimeXp();
    const expected = { ...lifetimeBefore };
    expected[players.alice] = lifetimeBefore[players.alice]! + 50;
    expected[players.bob] = lifetimeBefore[players.bob]! + 20;
    expect(after).toEqual(expected);
    // The players earning outside the window won nothing, whatever they earned.
    expect(lifetimeBefore[players.ana]).toBe(100);
    expect(lifetimeBefore[players.ben]).toBe(100);
    const rewarded = (await seasonRewards()).map((r) => r.player_id);
    expect(rewarded).not.toContain(players.ana);
    expect(rewarded).not.toContain(players.ben);
  });
});
