import { DiscordControlClient } from '@tandem/emulators/discord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { readAnnouncementSettings } from '../announcements/save-announcement-settings.ts';
import { publicBoardPage } from '../leaderboard/public-board.ts';
import {
  readLeaderboardSettings,
  saveLeaderboardSettings,
} from '../leaderboard/save-leaderboard-settings.ts';
import { currentSeasonTop } from '../seasons/current-season-top.ts';
import { deleteSeason } from '../seasons/manage-seasons.ts';
import { buyItem } from '../shop/buy-item.ts';
import { listShopItems } from '../shop/list-shop-items.ts';
import { updateShopItem } from '../shop/manage-shop-items.ts';
import { transferCoins } from '../transfers/transfer-coins.ts';
import { readTransferSettings, saveTransferSettings } from '../transfers/transfer-settings.ts';
import { ensureSandboxShopRoles } from './sandbox-shop-roles.ts';
import { seedSandboxCommunityLife } from './seed-community-life.ts';
import { seedSandboxCommunity } from './seed-sandbox-community.ts';
import { type Sandbox, startSandbox } from './start-sandbox.ts';

let tandem: TestTandem;
let sandbox: Sandbox;

beforeAll(async () => {
  tandem = await openTestTandem();
  sandbox = await startSandbox({ sandboxPort: 0 });
});

afterAll(async () => {
  await sandbox?.stop();
  await tandem?.stop();
});

describe("the sandbox community's first start", () => {
  it("announces in the demo guild's #general and the demo group, shows a public board and runs a season", async () => {
    const { demo } = sandbox.emulators;
    await seedSandboxCommunity(tandem, demo);
    expect(await seedSandboxCommunityLife(tandem, demo)).toEqual({
      announcements: true,
      leaderboard: true,
      season: true,
      transfers: true,
      shop: true,
    });

    const where = {
      discordChannelId: demo.discord.channels.general,
      telegramChatId: String(demo.telegram.group!.id),
      dm: true,
    };
    expect((await readAnnouncementSettings(tandem)).value).toMatchObject({
      rankUp: { ...where, fromRank: 1, everyRanks: 1 },
      achievement: { ...where, rewardsOnly: false },
    });
    const board = await publicBoardPage(tandem, {});
    expect(board.rows.map((row) => row.displayName)).toEqual(['Mira', 'Jonas', 'Priya']);

    // Running since the start of the day: the demo players' earnings are on its board.
    const season = await currentSeasonTop(tandem);
    expect(season?.name).toBe('Sandbox week');
    expect(season?.rows.map((row) => row.displayName)).toEqual(['Mira', 'Jonas', 'Priya']);
    const [stored] = await tandem.db.prisma.season.findMany();
    expect(stored).toMatchObject({ recurrence: 'weekly', winners: 3, closedAt: null });
    expect(stored!.endsAt.getTime() - stored!.startsAt.getTime()).toBe(7 * 86_400_000);
  });

  it('has roles to sell below the bot, items a fresh player can buy after a /daily, and /pay open to new accounts', async () => {
    const { demo } = sandbox.emulators;
    const roles = demo.shopRoles!;
    const guild = await new DiscordControlClient(sandbox.emulators.discord.controlUrl).guild(
      demo.discord.guildId,
    );
    const position = (id: string) => guild.roles.find((role) => role.id === id)!.position;
    for (const id of [roles.supporter, roles.nightOwl]) {
      expect(position(id)).toBeLessThan(position(demo.discord.roles.botRole));
      expect(Object.values(demo.discord.roles)).not.toContain(id);
    }
    // Started again on a kept world, the sandbox finds its roles instead of adding more.
    expect(await ensureSandboxShopRoles(sandbox.emulators.discord.controlUrl, demo.discord.guildId)).toEqual(
      roles,
    );

    const items = await listShopItems(tandem);
    expect(items.map((item) => [item.name, item.kind, item.price, item.durationDays])).toEqual([
      ['Shout-out in #general', 'custom', 40, null],
      ['Supporter', 'discord_role', 50, 7],
      ['Night Owl', 'discord_role', 150, null],
    ]);
    const stored = await tandem.db.prisma.shopItem.findMany({ orderBy: { price: 'asc' } });
    expect(stored.map((item) => item.discordRoleId)).toEqual([null, roles.supporter, roles.nightOwl]);

    // A Discord member who just claimed /daily (50 coins) buys the Supporter role and pays a friend.
    const [alice, friend] = [await tandem.createPlayer('alice'), await tandem.createPlayer('bob')];
    await tandem.db.prisma.identity.create({
      data: { playerId: alice, platform: 'discord', platformUserId: demo.discord.users.alice },
    });
    await tandem.engine.record({
      key: `discord-daily-sandbox-test-${alice}`,
      playerId: alice,
      type: 'reward_grant',
      source: 'discord',
      xpDelta: 100,
      coinDelta: 60,
      reason: 'daily',
    });
    const supporter = items.find((item) => item.name === 'Supporter')!;
    const bought = await buyItem(tandem, { playerId: alice, itemId: supporter.id, requestId: 'press-1' });
    expect(bought).toMatchObject({ created: true, balance: 10, purchase: { status: 'pending' } });
    expect((await readTransferSettings(tandem)).value).toEqual({ dailyLimit: 1000, minAccountAgeDays: 0 });
    const paid = await transferCoins(tandem, {
      fromPlayerId: alice,
      toPlayerId: friend,
      amount: 10,
      requestId: 'pay-1',
    });
    expect(paid.created).toBe(true);
    const friendNow = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: friend } });
    expect(friendNow.balance).toBe(10);
  });

  it('keeps what an admin changed since, and brings back no season they deleted', async () => {
    const { demo } = sandbox.emulators;
    const announcementsBefore = await readAnnouncementSettings(tandem);
    const { version } = await readLeaderboardSettings(tandem);
    await saveLeaderboardSettings(tandem, {
      value: { public: false, onBan: 'hide' },
      expectedVersion: version,
    });
    const [season] = await tandem.db.prisma.season.findMany();
    await deleteSeason(tandem, { id: season!.id, expectedVersion: season!.version });
    const transfersBefore = await readTransferSettings(tandem);
    await saveTransferSettings(tandem, {
      value: { dailyLimit: 0, minAccountAgeDays: 0 },
      expectedVersion: transfersBefore.version,
    });
    const [shout, supporter, nightOwl] = await tandem.db.prisma.shopItem.findMany({
      orderBy: { price: 'asc' },
    });
    await updateShopItem(tandem, { id: supporter!.id, price: 75, expectedVersion: supporter!.version });
    await tandem.db.prisma.shopItem.delete({ where: { id: nightOwl!.id } });

    await seedSandboxCommunity(tandem, demo);
    expect(await seedSandboxCommunityLife(tandem, demo)).toEqual({
      announcements: false,
      leaderboard: false,
      season: false,
      transfers: false,
      shop: false,
    });
    expect((await readLeaderboardSettings(tandem)).value).toEqual({
      public: false,
      onLeave: 'keep',
      onBan: 'hide',
    });
    expect(await readAnnouncementSettings(tandem)).toEqual(announcementsBefore);
    expect(await tandem.db.prisma.season.count()).toBe(0);
    // Transfers turned off and the shop's changes stay as the admin left them.
    expect((await readTransferSettings(tandem)).value).toEqual({ dailyLimit: 0, minAccountAgeDays: 0 });
    const items = await tandem.db.prisma.shopItem.findMany({ orderBy: { price: 'asc' } });
    expect(items.map((item) => [item.id, item.price])).toEqual([
      [shout!.id, 40],
      [supporter!.id, 75],
    ]);
  });
});
