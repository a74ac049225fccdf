import { quietName } from '../../announcements/announcement-rules.ts';
import { readAnnouncementSettings } from '../../announcements/save-announcement-settings.ts';
import { closeDueSeasons } from '../../seasons/close-season.ts';
import {
  markSeasonAnnounced,
  markSeasonRoleGranted,
  pendingSeasonRoles,
  seasonsToAnnounce,
} from '../../seasons/season-follow-up.ts';
import { messageOf } from '../../texts/default-texts.ts';
import type { SyncContext } from '../context.ts';
import { PlatformRateLimitedError } from '../ports.ts';

/**
 * The `close-seasons` tick: closes the seasons whose end has passed (rewards once, see
 * close-season.ts), announces their winners where rank-ups are announced (one job per season and
 * platform, so a rerun posts nothing twice), and gives winners the season's Discord role. Each step
 * picks up what an interrupted tick left, so a crash at any point is finished by the next tick.
 */
export async function closeSeasonsTick(ctx: SyncContext): Promise<{ closed: number; roles: number }> {
  const closed = await closeDueSeasons(ctx);
  const targets = (await readAnnouncementSettings(ctx)).value.rankUp;
  for (const season of await seasonsToAnnounce(ctx.db)) {
    const winners = season.winners
      .map((w) => `${w.place}. ${quietName(w.displayName)} (${w.xp} XP)`)
      .join(', ');
    const message = messageOf('notice.announce.seasonWinners', {
      season: season.name,
      winners: winners || '—',
    });
    const channels = [
      { platform: 'discord' as const, chatId: targets.discordChannelId },
      { platform: 'telegram' as const, chatId: targets.telegramChatId },
    ];
    for (const { platform, chatId } of channels) {
      if (!chatId || !ctx.ports[platform]) continue;
      await ctx.queues.enqueueAnnouncement(`season-${season.seasonId}-${platform}`, {
        channel: { platform, chatId },
        message,
      });
    }
    await markSeasonAnnounced(ctx.db, season.seasonId);
  }
  let roles = 0;
  const discord = ctx.ports.discord;
  if (discord) {
    for (const grant of await pendingSeasonRoles(ctx.db)) {
      try {
        await discord.grantRole(grant.discordUserId, grant.roleId, `Season ${grant.seasonId} winner`);
        await markSeasonRoleGranted(ctx.db, grant);
        roles++;
      } catch (error) {
        // A rate limit or a refusal (member gone, role above the bot's) waits for the next tick.
        if (error instanceof PlatformRateLimitedError) break;
        ctx.logger.warn({ err: error, grant }, 'could not give a season winner the role');
      }
    }
  }
  return { closed: closed.length, roles };
}
