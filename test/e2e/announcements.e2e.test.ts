import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnnouncementSettings } from '../../src/announcements/save-announcement-settings.ts';
import { processProjectionEvent } from '../../src/sync/processors/process-projection-event.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { waitFor } from '../support/wait-for.ts';

type PostedInDiscord = { content: string; mention_everyone?: boolean; mentions?: unknown[] };

describe('rank-ups announced in the community (real bots, workers and ports against the emulators)', () => {
  let world: BotWorld;
  let account: string;
  let groupId: number;
  let channelId: string;
  let grants = 0;
  const grantXp = (xp: number) =>
    world.tandem.engine.record({
      key: `admin-grant-${++grants}-${account}`,
      playerId: account,
      type: 'xp_change',
      source: 'admin',
      xpDelta: xp,
      reason: 'grant',
    });
  const discordPosts = async () =>
    (await world.discord.control.messages(channelId)).filter(
      (m) => m.author.id === world.demo.discord.bot.userId,
    ) as unknown as PostedInDiscord[];
  const groupPosts = () => world.telegram.control.messages(groupId).filter((m) => m.sender.kind === 'bot');
  const rankDms = () =>
    world
      .telegramUser(0)
      .botTexts()
      .filter((text) => /Rank up!/.test(text));

  beforeAll(async () => {
    world = await openBotWorld();
    groupId = world.demo.telegram.group!.id;
    channelId = world.demo.discord.channels.lounge;
    const ana = world.telegramUser(0);
    expect(await ana.command('daily')).toMatch(/\+100 XP/);
    account = await ana.playerId();
    // A name that would ping everybody if it were read as a mention, on either platform.
    await world.tandem.db.pool.query(`UPDATE players SET display_name = '@everyone Ana' WHERE id = $1`, [
      account,
    ]);
    // Rank-ups from the 3rd rank (Scout) on, every other one: Scout and Challenger, not Rookie
    // nor Adventurer.
    await saveAnnouncementSettings(world.tandem, {
      value: {
        rankUp: { discordChannelId: channelId, telegramChatId: String(groupId), fromRank: 3, everyRanks: 2 },
      },
    });
    await world.settle();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('keeps quiet about a rank below the threshold, everywhere', async () => {
    await grantXp(400); // 500: Rookie, the 2nd rank
    await world.settle();
    expect(await discordPosts()).toEqual([]);
    expect(groupPosts()).toEqual([]);
    expect(rankDms()).toEqual([]);
  });

  it("announces a rank-up in the chosen channel and group with the community's text, pinging nobody", async () => {
    await grantXp(700); // 1,200: Scout, the 3rd rank
    await waitFor(async () => (await discordPosts()).length === 1, 'the Discord announcement');
    await waitFor(async () => groupPosts().length === 1, 'the Telegram announcement');
    await world.settle();
    const [posted] = await discordPosts();
    expect(posted!.content).toMatch(/^🎉 .*everyone Ana reached Scout!$/);
    expect(posted!.content).not.toContain('@');
    expect(posted!.mention_everyone ?? false).toBe(false);
    expect(posted!.mentions ?? []).toEqual([]);
    const [inGroup] = groupPosts();
    expect(inGroup!.text).toBe(posted!.content);
    expect(inGroup!.entities ?? []).toEqual([]);
    expect(rankDms()).toEqual([expect.stringMatching(/Rank up! You are now Scout/)]);
  });

  it('posts each announcement once when the rank event is processed again', async () => {
    const { rows } = await world.tandem.db.pool.query<{ id: string }>(
      `SELECT id FROM sync_events WHERE player_id = $1 AND type = 'rank_change' ORDER BY created_at DESC LIMIT 1`,
      [account],
    );
    // As if the worker died after queueing the announcements, before it marked the event done.
    await world.tandem.db.pool.query(`UPDATE sync_events SET status = 'pending' WHERE id = $1`, [
      rows[0]!.id,
    ]);
    expect(await processProjectionEvent(world.tandem, rows[0]!.id)).toBe('completed');
    await world.settle();
    expect(await discordPosts()).toHaveLength(1);
    expect(groupPosts()).toHaveLength(1);
    expect(rankDms()).toHaveLength(1);
  });

  it("stops the player's DMs when they opt out, not the channels'", async () => {
    const ana = world.telegramUser(0);
    expect(await ana.command('announcements', 'off')).toMatch(/no more direct messages/);
    expect(await ana.command('announcements')).toMatch(/turned off/);
    await grantXp(1_700); // 2,900: Adventurer, the 4th rank: skipped by "every other"
    await world.settle();
    expect(await discordPosts()).toHaveLength(1);
    await grantXp(1_800); // 4,700: Challenger, the 5th rank
    await waitFor(async () => (await discordPosts()).length === 2, 'the second Discord announcement');
    await waitFor(async () => groupPosts().length === 2, 'the second Telegram announcement');
    await world.settle();
    expect((await discordPosts())[1]!.content).toMatch(/reached Challenger!$/);
    expect(rankDms()).toHaveLength(1);
  });

  it('lets a Discord player turn their own DMs off and on with /announcements', async () => {
    const bob = world.discordMember('bob');
    expect(await bob.command('announcements', { dms: 'off' })).toMatch(/no more direct messages/);
    const dmsOf = async () =>
      (
        await world.tandem.db.pool.query<{ announcement_dms: boolean }>(
          'SELECT announcement_dms FROM players WHERE id = $1',
          [await bob.playerId()],
        )
      ).rows[0]!.announcement_dms;
    expect(await dmsOf()).toBe(false);
    expect(await bob.command('announcements')).toMatch(/turned off/);
    expect(await bob.command('announcements', { dms: 'on' })).toMatch(/I will tell you/);
    expect(await dmsOf()).toBe(true);
  });

  it('announces only the achievements with a reward, when the community asks for that', async () => {
    await world.tandem.db.prisma.achievement.createMany({
      data: [
        { slug: 'quiet-5k', name: 'Quietly There', rule: { kind: 'xp_reached', xp: 5_000 } },
        { slug: 'loud-5k', name: 'Loudly There', rule: { kind: 'xp_reached', xp: 5_000 }, rewardCoins: 5 },
      ],
    });
    world.tandem.catalog.invalidate();
    await saveAnnouncementSettings(world.tandem, {
      value: { achievement: { telegramChatId: String(groupId), rewardsOnly: true } },
    });
    const before = groupPosts().length;
    await grantXp(300); // 5,000
    await waitFor(async () => groupPosts().length === before + 1, 'the achievement announcement');
    await world.settle();
    const texts = groupPosts().map((m) => m.text);
    expect(texts.at(-1)).toMatch(/^🏆 .*everyone Ana unlocked Loudly There!$/);
    expect(texts.filter((text) => text?.includes('Quietly There'))).toEqual([]);
  });

  it('keeps DMs off for a player who turned them off on one account and then linked the other', async () => {
    const ben = world.telegramUser(1);
    expect(await ben.command('announcements', 'off')).toMatch(/no more direct messages/);
    const carol = world.discordMember('carol');
    const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(await carol.command('link'))![1]!;
    expect(await (await ben.redeem(code)).confirm()).toMatch(/linked/i);
    expect(await carol.command('announcements')).toMatch(/turned off/);
  });

  it("retries a channel the bot cannot post in, then records it failed, without holding back the player's DM", async () => {
    const ana = world.telegramUser(0);
    expect(await ana.command('announcements', 'on')).toMatch(/I will tell you/);
    const missing = '100000000000000001';
    await saveAnnouncementSettings(world.tandem, {
      value: {
        rankUp: { discordChannelId: missing, telegramChatId: String(groupId), fromRank: 3, everyRanks: 2 },
      },
    });
    const before = groupPosts().length;
    await grantXp(9_100); // 14,100: Raider, the 7th rank
    await waitFor(async () => rankDms().length === 2, 'the rank-up DM');
    await waitFor(async () => groupPosts().length === before + 1, 'the Telegram announcement');
    const { rows } = await world.tandem.db.pool.query<{ id: string }>(
      `SELECT id FROM sync_events WHERE player_id = $1 AND type = 'rank_change' ORDER BY created_at DESC LIMIT 1`,
      [account],
    );
    const job = await world.tandem.queues.notifications.getJob(`announce-${rows[0]!.id}-discord`);
    await waitFor(async () => (await job?.getState()) === 'failed', 'the Discord announcement failed');
    const failed = await world.tandem.queues.notifications.getJob(job!.id!);
    expect(failed!.attemptsMade).toBe(5);
    expect(failed!.failedReason).toMatch(/pick another channel in Announcements/);
    expect(rankDms().at(-1)).toMatch(/Rank up! You are now Raider/);
  });
});
