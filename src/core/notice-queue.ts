import type { Message } from './message.ts';
import type { Platform } from './platforms.ts';

/**
 * A message for one player on one platform. It is written out in the reader's language only when
 * it is sent, so a notice waiting in the queue follows a language the player chose meanwhile.
 */
export interface Notice {
  platform: Platform;
  platformUserId: string;
  message: Message;
}

/**
 * Where a feature hands the notices it sends: the paced notifications queue (`src/sync/queues.ts`
 * implements it). The id names the notice, so one handed over twice is sent once.
 */
export interface NoticeQueue {
  enqueueNotification(dedupId: string, notice: Notice): Promise<void>;
}

/**
 * The text of a reward of `xp` and `coins` among the variants under `base` (`base` alone when it
 * paid nothing, `base.xp`, `base.coins`, `base.xpCoins`): each variant is a whole sentence, so no
 * language has "0 coins" or a dangling "and" in it.
 */
export function rewardKey<Base extends string>(
  base: Base,
  xp: number,
  coins: number,
): Base | `${Base}.xp` | `${Base}.coins` | `${Base}.xpCoins` {
  if (xp > 0 && coins > 0) return `${base}.xpCoins`;
  if (xp > 0) return `${base}.xp`;
  if (coins > 0) return `${base}.coins`;
  return base;
}

/** An admin's words placed as a sentence of a notice: ended by a full stop unless they end one already. */
export function asSentence(words: string): string {
  const trimmed = words.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
