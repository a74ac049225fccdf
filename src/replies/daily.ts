import { formatUtc } from '../core/text-format.ts';
import type { DailyClaimOutcome } from '../earning/claim-daily.ts';
import type { Translate } from '../texts/texts.ts';
import { rewardOf, waitOf } from './reply-format.ts';

/**
 * `/daily`. With `now`, a refused claim says how long to wait ("in 5h 12m"); without it, from when
 * (the next UTC midnight), which is correct whenever the message is read.
 */
export function dailyReply(t: Translate, result: DailyClaimOutcome, now?: Date): string {
  if (!result.ok) {
    return now
      ? t('reply.daily.readyIn', { wait: waitOf(t, result.nextClaimAt.getTime() - now.getTime()) })
      : t('reply.daily.readyFrom', { time: formatUtc(result.nextClaimAt) });
  }
  return [
    t('reply.daily.claimed', { reward: rewardOf(t, result.xp, result.coins) }),
    result.streak > 1 ? t('reply.daily.streak', { days: result.streak }) : t('reply.daily.noStreak'),
    t('common.totals', { xp: result.totals.xp, coins: result.totals.balance }),
  ].join('\n');
}
