import {
  achievementUnlockPayloadSchema,
  payoutDecisionPayloadSchema,
  rankChangePayloadSchema,
} from '../../ledger/event-schemas.ts';
import { grantAchievementRole, setRankRole } from '../../roles/project-roles.ts';
import { loadRankRoleMode } from '../../roles/rank-role-settings.ts';
import { announceAchievement, announceRankUp } from '../announce-events.ts';
import type { SyncContext } from '../context.ts';
import { enqueueNotices } from '../enqueue-notices.ts';
import { type ClaimedEvent, claimEvent, completeEvent } from '../event-lifecycle.ts';
import { payoutDecisionNotices } from '../notification-rules.ts';
import { announceProcessed, countCompleted } from './process-economy-event.ts';

/**
 * Carries a rank_change, achievement_unlock or payout_decision to the platforms. Projections only
 * reflect state: they never record economy events, so the bot's own role writes echoing back cannot
 * start a loop.
 */
export async function processProjectionEvent(
  ctx: SyncContext,
  eventId: string,
): Promise<'completed' | 'skipped'> {
  const event = await claimEvent(ctx.db.pool, eventId, ctx.workerName);
  if (!event) return 'skipped';
  if (event.type === 'rank_change') await projectRank(ctx, event);
  else if (event.type === 'achievement_unlock') await projectAchievement(ctx, event);
  else if (event.type === 'payout_decision') await tellPayoutDecision(ctx, event);
  else throw new Error(`platform queue got a ${event.type} event`);
  countCompleted(ctx, event);
  announceProcessed(ctx, event.id, event.playerId);
  return 'completed';
}

function discordIdentity(event: ClaimedEvent) {
  return event.identities.find((i) => i.platform === 'discord' && i.syncEnabled);
}

async function projectRank(ctx: SyncContext, event: ClaimedEvent): Promise<void> {
  const payload = rankChangePayloadSchema.parse(event.payload);
  const { ranks } = await ctx.catalog.get();
  // The rank now, not the one in the payload: rank events processed out of order (A->B after B->C)
  // must leave the player with C's role.
  const current = ranks.find((r) => r.id === event.syncState.lastRankId) ?? null;
  const discord = discordIdentity(event);
  let discordRankRoleId: string | null | undefined;
  if (discord && ctx.ports.discord) {
    const mode = await loadRankRoleMode(ctx.db, ctx.logger);
    discordRankRoleId = await setRankRole(ctx.ports.discord, discord.platformUserId, ranks, current, mode);
  }
  const announced = ranks.find((r) => r.id === payload.toRankId);
  const moved = payload.fromRankId !== null && payload.fromRankId !== payload.toRankId;
  if (payload.direction === 'up' && announced && moved) {
    await announceRankUp(ctx, event, announced, ranks, payload.xp);
  }
  await completeEvent(ctx.db.pool, event.id, { discordRankRoleId });
}

async function projectAchievement(ctx: SyncContext, event: ClaimedEvent): Promise<void> {
  const payload = achievementUnlockPayloadSchema.parse(event.payload);
  const discord = discordIdentity(event);
  if (payload.discordRoleId && discord && ctx.ports.discord) {
    await grantAchievementRole(ctx.ports.discord, discord.platformUserId, {
      discordRoleId: payload.discordRoleId,
      name: payload.name,
    });
  }
  if (!payload.regrant) await announceAchievement(ctx, event, payload);
  await completeEvent(ctx.db.pool, event.id);
}

/** Written with the decision, in its transaction: told once Redis takes it, however late. */
async function tellPayoutDecision(ctx: SyncContext, event: ClaimedEvent): Promise<void> {
  const payload = payoutDecisionPayloadSchema.parse(event.payload);
  await enqueueNotices(ctx, event.id, payoutDecisionNotices(payload, event.identities));
  await completeEvent(ctx.db.pool, event.id);
}
