import type {
  AchievementUnlockPayload,
  EconomyPayload,
  EventSource,
  PayoutDecisionPayload,
} from '../ledger/event-schemas.ts';
import type { IdentityRef } from './event-lifecycle.ts';

export interface Notice {
  platform: 'telegram' | 'discord';
  platformUserId: string;
  text: string;
}

/**
 * Routine earnings a player sees where they earn them; telling the other platform would be noise.
 * Payout holds and refunds are announced with the decision in words (a payout_decision event), and
 * the totals a link merges by the linking service (src/linking/link-notices.ts).
 */
const quietReasons = new Set([
  'message',
  'voice_minute',
  'daily',
  'game_win',
  'achievement',
  'payout_hold',
  'payout_refund',
  'merge_in',
  'merge_out',
]);

function linked(identities: readonly IdentityRef[]): IdentityRef[] {
  return identities.filter((i) => i.syncEnabled);
}

function signed(n: number, unit: string): string {
  return `${n > 0 ? '+' : ''}${n} ${unit}`;
}

/** Cross-platform news of an economy change: admin adjustments and rewards, not everyday XP. */
export function economyNotices(
  event: { source: EventSource; payload: EconomyPayload },
  identities: readonly IdentityRef[],
): Notice[] {
  const { payload } = event;
  if (quietReasons.has(payload.reason)) return [];
  const parts = [
    payload.xpDelta !== 0 ? signed(payload.xpDelta, 'XP') : null,
    payload.coinDelta !== 0 ? signed(payload.coinDelta, 'coins') : null,
  ].filter(Boolean);
  const why = event.source === 'admin' ? 'from an admin' : `(${payload.reason.replaceAll('_', ' ')})`;
  const text = `${parts.join(' and ')} ${why}. You now have ${payload.xpAfter} XP and ${payload.balanceAfter} coins.`;
  return linked(identities).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, text }));
}

export function rankUpNotices(rankName: string, xp: number, identities: readonly IdentityRef[]): Notice[] {
  const text = `🎉 Rank up! You are now ${rankName} (${xp} XP).`;
  return linked(identities).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, text }));
}

export function achievementNotices(
  payload: AchievementUnlockPayload,
  identities: readonly IdentityRef[],
): Notice[] {
  const reward = [
    payload.rewardXp > 0 ? `${payload.rewardXp} XP` : null,
    payload.rewardCoins > 0 ? `${payload.rewardCoins} coins` : null,
  ].filter(Boolean);
  const text = `🏆 Achievement unlocked: ${payload.name}${reward.length ? ` (+${reward.join(' and ')})` : ''}!`;
  return linked(identities).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, text }));
}

/** An admin's decision on a payout, in words; a decline says why and what the balance is now. */
export function payoutDecisionNotices(
  payload: PayoutDecisionPayload,
  identities: readonly IdentityRef[],
): Notice[] {
  const text =
    payload.decision === 'approved'
      ? `✅ Your payout of ${payload.amount} coins was approved.`
      : `Your payout of ${payload.amount} coins was declined: ${payload.reason}. ` +
        `The coins are back in your balance (${payload.balanceAfter} coins).`;
  return linked(identities).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, text }));
}
