import type { Message } from '../core/message.ts';
import { isTextKey } from '../texts/default-texts.ts';
import type { Translate } from '../texts/texts.ts';

/**
 * The pieces several replies share, written in the reader's language from the locale files
 * (common.json): rewards, waits and lists. Numbers are written by the texts themselves.
 */

/** `+120 XP and +50 coins`, or just the part that is not zero. */
export function rewardOf(t: Translate, xp: number, coins: number): string {
  if (xp > 0 && coins > 0) return t('common.reward.xpAndCoins', { xp, coins });
  if (xp > 0) return t('common.reward.xp', { xp });
  if (coins > 0) return t('common.reward.coins', { coins });
  return t('common.reward.nothing');
}

/** `5h 12m`, `42m`, `less than a minute`: how long until something, rounded up to the minute. */
export function waitOf(t: Translate, ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 60_000));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return t('common.waitMinutes', { minutes });
  return minutes === 0 ? t('common.waitHours', { hours }) : t('common.waitHoursMinutes', { hours, minutes });
}

/** `A, B and C`: the last two joined as the language joins them. */
export function listOf(t: Translate, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t('common.listEnd', { items: items.slice(0, -1).join(', '), last: items.at(-1)! });
}

/**
 * A message carried by a result or an error, in the reader's language; null for a key the locale
 * files do not have (a message built by a newer version, or a typo), which the caller answers with
 * its own fallback.
 */
export function textOf(t: Translate, message: Message): string | null {
  return isTextKey(message.key) ? t(message.key, message.params) : null;
}
