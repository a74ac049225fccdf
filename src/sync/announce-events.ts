import { readAnnouncedPlayer } from '../announcements/announcement-dms.ts';
import {
  type AnnouncementPlan,
  achievementPlan,
  quietName,
  rankUpPlan,
} from '../announcements/announcement-rules.ts';
import { rankOrdinal } from '../announcements/rank-ordinal.ts';
import { readAnnouncementSettings } from '../announcements/save-announcement-settings.ts';
import type { Message } from '../core/message.ts';
import type { RankDefinition } from '../economy/ranks.ts';
import type { AchievementUnlockPayload } from '../ledger/event-schemas.ts';
import { messageOf } from '../texts/default-texts.ts';
import type { SyncContext } from './context.ts';
import { enqueueNotices } from './enqueue-notices.ts';
import type { ClaimedEvent } from './event-lifecycle.ts';
import { achievementNotices, rankUpNotices } from './notification-rules.ts';

/**
 * Announces a rank-up where the community chose (src/announcements): its channels, in the
 * community's own words, and the player's DMs unless they turned them off. Each target is a job of
 * its own keyed by the event and the target, so a processor that runs twice posts each once, and a
 * channel that refuses never holds back the player's DM.
 */
export async function announceRankUp(
  ctx: SyncContext,
  event: ClaimedEvent,
  rank: RankDefinition,
  ranks: readonly RankDefinition[],
  xp: number,
): Promise<void> {
  const [settings, player] = await Promise.all([
    readAnnouncementSettings(ctx),
    readAnnouncedPlayer(ctx.db, event.playerId),
  ]);
  const plan = rankUpPlan(settings.value.rankUp, rankOrdinal(ranks, rank.id), player?.dmsOn ?? true);
  if (plan.dm) await enqueueNotices(ctx, event.id, rankUpNotices(rank.name, xp, event.identities));
  const name = quietName(player?.displayName ?? '');
  await postInChannels(
    ctx,
    event.id,
    plan,
    messageOf('notice.announce.rankUp', { player: name, rank: rank.name, xp }),
  );
}

/** Announces an unlocked achievement as announceRankUp does a rank-up. */
export async function announceAchievement(
  ctx: SyncContext,
  event: ClaimedEvent,
  payload: AchievementUnlockPayload,
): Promise<void> {
  const [settings, player] = await Promise.all([
    readAnnouncementSettings(ctx),
    readAnnouncedPlayer(ctx.db, event.playerId),
  ]);
  const reward = { xp: payload.rewardXp, coins: payload.rewardCoins };
  const plan = achievementPlan(settings.value.achievement, reward, player?.dmsOn ?? true);
  if (plan.dm) await enqueueNotices(ctx, event.id, achievementNotices(payload, event.identities));
  const name = quietName(player?.displayName ?? '');
  await postInChannels(
    ctx,
    event.id,
    plan,
    messageOf('notice.announce.achievement', { player: name, achievement: payload.name, ...reward }),
  );
}

async function postInChannels(
  ctx: SyncContext,
  eventId: string,
  plan: AnnouncementPlan,
  message: Message,
): Promise<void> {
  for (const channel of plan.channels) {
    if (!ctx.ports[channel.platform]) continue;
    await ctx.queues.enqueueAnnouncement(`announce-${eventId}-${channel.platform}`, { channel, message });
  }
}
