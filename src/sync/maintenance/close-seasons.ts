import { quietName } from '../../announcements/announcement-rules.ts';
import { readAnnouncementSettings } from '../../announcements/save-announcement-settings.ts';
import { closeDueSeasons } from '../../seasons/close-season.ts';
import {
  markSeasonAnnounced,
  markSeasonRoleGranted,
  markSeasonRoleRefused,
  markSeasonRoleRetry,
  type PendingSeasonRole,
  pendingSeasonRoles,
  seasonsToAnnounce,
} from '../../seasons/season-follow-up.ts';
import { seasonRoleAttempts, seasonRolePauseMs } from '../../seasons/season-role-retries.ts';
import { tallySeasons } from '../../seasons/season-tally.ts';
import { messageOf } from '../../texts/default-texts.ts';
import type { SyncContext } from '../context.ts';
import { type DiscordPort, PlatformRateLimitedError, PlatformRefusedError } from '../ports.ts';

/**
 * The `close-seasons` tick: brings the running seasons' tallies up to date (the boards read them,
 * see season-tally.ts), closes the seasons whose end has passed (rewards once, see
 * close-season.ts), announces their winners where rank-ups are announced (one job per season and
 * platform, so a rerun posts nothing twice), and gives winners the season's Discord role. Each step
 * picks up what an interrupted tick left, so a crash at any point is finished by the next tick.
 */
export async function closeSeasonsTick(
  ctx: SyncContext,
  now: Date = new Date(),
): Promise<{ tallied: number; closed: number; roles: number }> {
  const tallied = await tallySeasons(ctx.db.pool, { now });
  const closed = await closeDueSeasons(ctx, now);
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
  const roles = ctx.ports.discord ? await giveSeasonRoles(ctx, ctx.ports.discord, now) : 0;
  return { tallied, closed: closed.length, roles };
}

/**
 * Gives winners the season's role. Discord's refusal (the member left, the role is above the bot's
 * or was deleted) is final: it is recorded on the result with Discord's reason for the admin, and
 * never tried again. Other failures pause the winner's role a growing while, and after the last
 * attempt are recorded the same way. A rate limit ends the tick without spending an attempt.
 */
async function giveSeasonRoles(ctx: SyncContext, discord: DiscordPort, now: Date): Promise<number> {
  let given = 0;
  for (const grant of await pendingSeasonRoles(ctx.db, now)) {
    try {
      await discord.grantRole(grant.discordUserId, grant.roleId, `Season ${grant.seasonId} winner`);
    } catch (error) {
      if (error instanceof PlatformRateLimitedError) break;
      await recordRoleFailure(ctx, grant, error, now);
      continue;
    }
    await markSeasonRoleGranted(ctx.db, grant);
    given++;
  }
  return given;
}

async function recordRoleFailure(
  ctx: SyncContext,
  grant: PendingSeasonRole,
  error: unknown,
  now: Date,
): Promise<void> {
  const where = { seasonId: grant.seasonId, place: grant.place, discordUserId: grant.discordUserId };
  if (error instanceof PlatformRefusedError) {
    // Expected in a living community (members leave): the admin reads the reason in the panel.
    ctx.logger.info({ ...where, reason: error.message }, 'a season winner cannot be given the role');
    await markSeasonRoleRefused(ctx.db, grant, error.message);
    return;
  }
  const failures = grant.attempts + 1;
  const message = error instanceof Error ? error.message : String(error);
  if (failures >= seasonRoleAttempts) {
    ctx.logger.warn({ ...where, err: error, failures }, 'gave up giving a season winner the role');
    await markSeasonRoleRefused(ctx.db, grant, `gave up after ${failures} failed attempts: ${message}`);
    return;
  }
  ctx.logger.warn({ ...where, err: error, failures }, 'could not give a season winner the role; will retry');
  await markSeasonRoleRetry(ctx.db, grant, new Date(now.getTime() + seasonRolePauseMs(failures)));
}
