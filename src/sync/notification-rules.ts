import type { Message } from '../core/message.ts';
import { asSentence, type Notice, rewardKey } from '../core/notice-queue.ts';
import type {
  AchievementUnlockPayload,
  EconomyPayload,
  EventSource,
  PayoutDecisionPayload,
} from '../ledger/event-schemas.ts';
import { messageOf, type TextKey } from '../texts/default-texts.ts';
import type { IdentityRef } from './event-lifecycle.ts';

export type { Notice } from '../core/notice-queue.ts';

/**
 * Changes the player hears about elsewhere, or nowhere: routine earnings are seen where they are
 * earned (the bot's reply says so), a task's reward is in the task's own notice, an achievement's
 * in the achievement's, payout holds and refunds in the payout decision, and the totals a link
 * merges in the link's notices (src/linking/link-notices.ts).
 */
const quietReasons = new Set([
  'message',
  'voice_minute',
  'daily',
  'game_win',
  'scenario',
  'achievement',
  'task',
  'payout_hold',
  'payout_refund',
  // The shop tells its buyers of each purchase's end (src/shop/purchase-notices.ts), and the
  // recipient of a transfer hears of it with the sender's name (src/transfers); the sender and the
  // buyer read the bot's reply.
  'shop_hold',
  'shop_refund',
  'transfer_out',
  'transfer_in',
  'merge_in',
  'merge_out',
  // A community's totals brought over from another bot: announced by the community, not per player.
  'import',
  // A ban's reset under the leaderboard policy: the member was just banned; no DM follows them out.
  'ban_reset',
]);

function linked(identities: readonly IdentityRef[]): IdentityRef[] {
  return identities.filter((i) => i.syncEnabled);
}

function toEach(identities: readonly IdentityRef[], message: Message): Notice[] {
  return linked(identities).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, message }));
}

/** XP and coins an admin moved, with the totals after it; either may be zero, not both. */
export interface Adjustment {
  xpDelta: number;
  coinDelta: number;
  xpAfter: number;
  balanceAfter: number;
}

/** "gave" or "took" for each total the adjustment moved, naming the text that says it. */
function adjustmentKey({ xpDelta, coinDelta }: Adjustment): TextKey {
  const verb = (n: number) => (n > 0 ? 'gave' : 'took');
  if (coinDelta === 0) return `notice.admin.${verb(xpDelta)}Xp`;
  if (xpDelta === 0) return `notice.admin.${verb(coinDelta)}Coins`;
  if (verb(xpDelta) === verb(coinDelta)) return `notice.admin.${verb(xpDelta)}XpCoins`;
  return xpDelta > 0 ? 'notice.admin.gaveXpTookCoins' : 'notice.admin.tookXpGaveCoins';
}

/** An admin's correction, in words: what they gave or took and the totals after it. */
export function adjustmentMessage(adjustment: Adjustment): Message {
  return messageOf(adjustmentKey(adjustment), {
    xp: Math.abs(adjustment.xpDelta),
    coins: Math.abs(adjustment.coinDelta),
    totalXp: adjustment.xpAfter,
    totalCoins: adjustment.balanceAfter,
  });
}

/**
 * Cross-platform news of an economy change that has no message of its own: an admin's change, said
 * as what they gave or took (`adjustment` carries both amounts of an adjustment that moved XP and
 * coins, null when the adjustment's other event tells the player), a reward for a reason players
 * have no words for ("You received +25 XP"), or any other change, told as the new totals. The
 * reason itself is never shown.
 */
export function economyNotices(
  event: { source: EventSource; payload: EconomyPayload },
  identities: readonly IdentityRef[],
  adjustment: Adjustment | null = event.payload,
): Notice[] {
  const { payload } = event;
  if (quietReasons.has(payload.reason)) return [];
  if (event.source === 'admin') return adjustment ? toEach(identities, adjustmentMessage(adjustment)) : [];
  const totals = { totalXp: payload.xpAfter, totalCoins: payload.balanceAfter };
  if (payload.xpDelta >= 0 && payload.coinDelta >= 0) {
    const key = rewardKey('notice.reward', payload.xpDelta, payload.coinDelta);
    if (key !== 'notice.reward') {
      return toEach(identities, messageOf(key, { xp: payload.xpDelta, coins: payload.coinDelta, ...totals }));
    }
  }
  return toEach(identities, messageOf('notice.totalsUpdated', totals));
}

export function rankUpNotices(rankName: string, xp: number, identities: readonly IdentityRef[]): Notice[] {
  return toEach(identities, messageOf('notice.rankUp', { rank: rankName, xp }));
}

export function achievementNotices(
  payload: AchievementUnlockPayload,
  identities: readonly IdentityRef[],
): Notice[] {
  const key = rewardKey('notice.achievement', payload.rewardXp, payload.rewardCoins);
  return toEach(
    identities,
    messageOf(key, { achievement: payload.name, xp: payload.rewardXp, coins: payload.rewardCoins }),
  );
}

/** An admin's decision on a payout, in words; a decline says why and what the balance is now. */
export function payoutDecisionNotices(
  payload: PayoutDecisionPayload,
  identities: readonly IdentityRef[],
): Notice[] {
  const message =
    payload.decision === 'approved'
      ? messageOf('notice.payout.approved', { amount: payload.amount })
      : messageOf('notice.payout.declined', {
          amount: payload.amount,
          reason: asSentence(payload.reason ?? ''),
          totalCoins: payload.balanceAfter ?? 0,
        });
  return toEach(identities, message);
}
