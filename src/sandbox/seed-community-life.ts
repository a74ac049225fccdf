import { saveAnnouncementSettings } from '../announcements/save-announcement-settings.ts';
import { saveLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import type { Services } from '../runtime/services.ts';
import { createSeason } from '../seasons/manage-seasons.ts';
import type { SandboxDemoWorld } from './sandbox-shop-roles.ts';
import { saveOnce } from './save-once.ts';
import { seedSandboxShop } from './seed-sandbox-shop.ts';

/** What the first start of a sandbox community set up; false for what an admin's choice already held. */
export interface SeededCommunityLife {
  announcements: boolean;
  leaderboard: boolean;
  season: boolean;
  /** The transfer limits (no minimum account age) were saved. */
  transfers: boolean;
  /** The shop's items were created. */
  shop: boolean;
}

/**
 * The community's visible side, set up the first time a sandbox community starts so every part of
 * it can be tried at once: rank-ups and achievements announced in the demo guild's #general and the
 * demo Telegram group (and by DM, as by default), the public leaderboard on, and a weekly season
 * running since the start of the day (so the demo players' earnings are on its board already), a
 * shop with Discord roles and a custom item to buy, and transfers open to new accounts (see
 * seed-sandbox-shop.ts).
 *
 * Each settings row is saved through its module, as "never saved before" (version 0): a row an admin
 * saved since is kept as it is. The season comes with the first leaderboard row only, so a season an
 * admin deleted does not come back on the next start.
 *
 * Not part of seedSandboxCommunity: the demo players' rank-ups then stay out of the channels of
 * end-to-end tests that share its demo world.
 */
export async function seedSandboxCommunityLife(
  services: Services,
  demo: SandboxDemoWorld,
  now = new Date(),
): Promise<SeededCommunityLife> {
  const channel = { discordChannelId: demo.discord.channels.general, telegramChatId: null as string | null };
  // The group's id is known when this start created it; a world kept from an earlier start had its
  // settings saved then.
  if (demo.telegram.group) channel.telegramChatId = String(demo.telegram.group.id);
  const announcements = await saveOnce(() =>
    saveAnnouncementSettings(services, {
      value: { rankUp: { ...channel, dm: true }, achievement: { ...channel, dm: true } },
      expectedVersion: 0,
    }),
  );
  const leaderboard = await saveOnce(() =>
    saveLeaderboardSettings(services, { value: { public: true }, expectedVersion: 0 }),
  );
  const season = leaderboard && (await services.db.prisma.season.count()) === 0;
  if (season) {
    await createSeason(services, {
      name: 'Sandbox week',
      startsAt: startOfUtcDay(now).toISOString(),
      recurrence: 'weekly',
      winners: 3,
      rewards: [
        { xp: 300, coins: 100 },
        { xp: 200, coins: 60 },
        { xp: 100, coins: 30 },
      ],
    });
  }
  const { transfers, shop } = await seedSandboxShop(services, demo.shopRoles);
  return { announcements, leaderboard, season, transfers, shop };
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
