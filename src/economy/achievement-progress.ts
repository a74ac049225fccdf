import type { EconomyPayload } from '../sync/event-schemas.ts';
import { type AchievementRule, ledgerReasons, type PlayerProgress } from './achievements.ts';
import type { Queryable } from './ledger.ts';

/**
 * Whether an event of this reason and deltas can move a rule's progress at all. Most events can't
 * (a message never completes a streak), so most events cost no progress query.
 */
export function canAdvance(
  rule: AchievementRule,
  event: Pick<EconomyPayload, 'reason' | 'xpDelta' | 'coinDelta'>,
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

/** Counts derived from the ledger, the only source of truth for "how many times". */
const progressSql = `
SELECT count(*) FILTER (WHERE reason = $2)::int AS messages,
       count(*) FILTER (WHERE reason = $3)::int AS voice_minutes,
       count(*) FILTER (WHERE reason = $4)::int AS games_won,
       coalesce(sum(coin_delta) FILTER (WHERE coin_delta > 0 AND reason = ANY($5)), 0)::int AS coins_earned
  FROM ledger_entries WHERE player_id = $1`;

export async function loadProgress(
  db: Queryable,
  player: { id: string; xp: number; dailyStreak: number; rankPriority: number | null },
): Promise<PlayerProgress> {
  const { rows } = await db.query(progressSql, [
    player.id,
    ledgerReasons.message,
    ledgerReasons.voiceMinute,
    ledgerReasons.gameWin,
    Object.values(ledgerReasons),
  ]);
  const counts = rows[0];
  return {
    xp: player.xp,
    rankPriority: player.rankPriority,
    dailyStreak: player.dailyStreak,
    messages: counts.messages,
    voiceMinutes: counts.voice_minutes,
    gamesWon: counts.games_won,
    coinsEarned: counts.coins_earned,
  };
}
