import { type AchievementRule, ledgerReasons } from './achievements.ts';

/**
 * Whether an event of this reason and deltas can move a rule's progress at all. Most events can't
 * (a message never completes a streak), so most events check no achievement at all.
 */
export function canAdvance(
  rule: AchievementRule,
  event: { reason: string; xpDelta: number; coinDelta: number },
): boolean {
  switch (rule.kind) {
    case 'first_game':
    case 'games_won':
      return event.reason === ledgerReasons.gameWin;
    case 'messages':
      return event.reason === ledgerReasons.message;
    case 'voice_hours':
      return event.reason === ledgerReasons.voiceMinute;
    case 'daily_streak':
      return event.reason === ledgerReasons.daily;
    case 'xp_reached':
    case 'rank_reached':
      return event.xpDelta > 0;
    case 'coins_earned':
      return event.coinDelta > 0;
  }
}
