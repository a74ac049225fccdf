import { rankForXp } from '../../economy/ranks.ts';
import { economyPayloadSchema } from '../../ledger/event-schemas.ts';
import { adminAdjustmentReason } from '../../players/adjust-player.ts';
import { deriveRankChange } from '../../progression/derive-rank.ts';
import { unlockAchievements } from '../../progression/unlock-achievements.ts';
import { adjustmentToTell } from '../adjustment-parts.ts';
import type { SyncContext } from '../context.ts';
import { enqueueNotices } from '../enqueue-notices.ts';
import { type Attempt, type ClaimedEvent, completeEvent, readOpenEvent } from '../event-lifecycle.ts';
import { economyNotices } from '../notification-rules.ts';

/**
 * Carries one xp_change, balance_change or reward_grant: derives rank changes and achievements
 * (new events of their own, under keys naming this one), tells the player elsewhere when it matters,
 * and records what the platforms now reflect. Safe to run any number of times.
 */
export async function processEconomyEvent(
  ctx: SyncContext,
  eventId: string,
  attempt: Attempt,
): Promise<'completed' | 'skipped'> {
  const event = await readOpenEvent(ctx.db.pool, eventId);
  if (!event) return 'skipped';
  const payload = economyPayloadSchema.parse(event.payload);
  // An account merged away by linking has no identities and zero totals; its survivor carries on.
  if (event.player.mergedIntoId) {
    await completeEvent(ctx.db.pool, event.id, {}, attempt);
    countCompleted(ctx, event);
    return 'completed';
  }
  const catalog = await ctx.catalog.get();

  // Checked without a lock first: the common case (rank unchanged) costs no extra statement.
  const rankNow = rankForXp(event.player.xp, catalog.ranks)?.id ?? null;
  if (rankNow !== event.syncState.lastRankId) {
    await deriveRankChange(ctx.engine, catalog, { playerId: event.playerId, causeEventId: event.id });
  }
  await unlockAchievements(ctx.engine, catalog, {
    playerId: event.playerId,
    progress: {
      xp: event.player.xp,
      rankPriority: catalog.ranks.find((r) => r.id === rankNow)?.priority ?? null,
      dailyStreak: event.player.dailyStreak,
      messages: event.player.messages,
      voiceMinutes: event.player.voiceMinutes,
      gamesWon: event.player.gamesWon,
      coinsEarned: event.player.coinsEarned,
    },
    unlockedIds: event.unlockedAchievementIds,
    event: payload,
  });
  const adjustment =
    event.source === 'admin' && payload.reason === adminAdjustmentReason
      ? await adjustmentToTell(ctx.db.pool, { ...event, payload })
      : payload;
  await enqueueNotices(
    ctx,
    event.id,
    economyNotices({ source: event.source, payload }, event.identities, adjustment),
  );

  const has = (platform: 'telegram' | 'discord') => event.identities.some((i) => i.platform === platform);
  await completeEvent(
    ctx.db.pool,
    event.id,
    {
      telegramXp: has('telegram') ? event.player.xp : undefined,
      discordXp: has('discord') ? event.player.xp : undefined,
      balance: event.player.balance,
    },
    attempt,
  );
  countCompleted(ctx, event);
  announceProcessed(ctx, event.id, event.playerId);
  return 'completed';
}

/** Counted once its completion has committed (a rerun finds it completed and skips it). */
export function countCompleted(ctx: SyncContext, event: Pick<ClaimedEvent, 'type' | 'recordedAt'>): void {
  ctx.metrics?.events.completed(event.type, event.recordedAt);
}

/**
 * Admin pages refetch what moved. Not awaited: the announcement is fire and forget (a page that
 * misses one catches up at its next refetch), and the event's completion must not wait on it.
 */
export function announceProcessed(ctx: SyncContext, eventId: string, playerId: string): void {
  if (!ctx.changes) return;
  void ctx.changes.publish({ entity: 'sync_events', action: 'updated', id: eventId });
  void ctx.changes.publish({ entity: 'players', action: 'updated', id: playerId });
}
