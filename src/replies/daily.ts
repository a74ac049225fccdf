import { countOf, formatNumber, formatReward, formatUtc, formatWait } from '../core/text-format.ts';
import type { DailyClaimOutcome } from '../earning/claim-daily.ts';

/**
 * `/daily`. With `now`, a refused claim says how long to wait ("in 5h 12m"); without it, from when
 * (the next UTC midnight), which is correct whenever the message is read.
 */
export function dailyReply(result: DailyClaimOutcome, now?: Date): string {
  if (!result.ok) {
    const when = now
      ? `in ${formatWait(result.nextClaimAt.getTime() - now.getTime())}`
      : `from ${formatUtc(result.nextClaimAt)}`;
    return `You've already claimed today's bonus. The next one is ready ${when}.`;
  }
  const streak =
    result.streak > 1
      ? `🔥 ${countOf(result.streak, 'day')} in a row! Come back tomorrow to keep the streak going.`
      : 'Come back tomorrow to start a streak: every day in a row adds bonus XP.';
  return [
    `🎁 Daily bonus: ${formatReward(result.xp, result.coins)}.`,
    streak,
    `You now have ${formatNumber(result.totals.xp)} XP and ${countOf(result.totals.balance, 'coin')}.`,
  ].join('\n');
}
