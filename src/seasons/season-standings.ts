import type { Queryable } from '../db/queryable.ts';
import { visibleOnBoardsSql } from '../leaderboard/board-visibility.ts';

/**
 * Ledger reasons a season board leaves out: its own rewards (a winner's prize must not count towards
 * the next season) and the two halves of an account merge (moved XP, not gained XP; the absorbed
 * account's own rows count for the survivor instead, below).
 */
export const notSeasonXpReasons = ['season_reward', 'merge_in', 'merge_out'] as const;

/**
 * The XP each player gained in [startsAt, endsAt), summed from the ledger by created_at (the
 * `ledger_entries_created_at_idx` range), credited to the account a merged one lives on in, and
 * shown under the lifetime board's visibility rule (see board-visibility.ts). Order: gained XP, then
 * player id, so two reads of a closed window agree on every place.
 * Parameters: $1/$2 kept while away (left, banned), $3 start, $4 end, $5 limit, $6 offset.
 */
export const seasonBoardSql = `WITH gained AS (
    SELECT COALESCE(src.merged_into_id, src.id) AS player_id, SUM(l.xp_delta)::int AS xp
      FROM ledger_entries l JOIN players src ON src.id = l.player_id
     WHERE l.created_at >= $3 AND l.created_at < $4
       AND l.reason NOT IN (${notSeasonXpReasons.map((r) => `'${r}'`).join(', ')})
     GROUP BY 1 HAVING SUM(l.xp_delta) > 0)
  SELECT p.id, p.display_name, g.xp FROM gained g JOIN players p ON p.id = g.player_id
   WHERE ${visibleOnBoardsSql({ left: 1, banned: 2 })}
   ORDER BY g.xp DESC, p.id LIMIT $5 OFFSET $6`;

export interface SeasonStanding {
  playerId: string;
  displayName: string;
  /** XP gained inside the window. */
  xp: number;
}

export async function seasonStandings(
  db: Queryable,
  window: { startsAt: Date; endsAt: Date },
  kept: { left: boolean; banned: boolean },
  page: { limit: number; offset: number },
): Promise<SeasonStanding[]> {
  const { rows } = await db.query<{ id: string; display_name: string; xp: number }>(seasonBoardSql, [
    kept.left,
    kept.banned,
    window.startsAt,
    window.endsAt,
    page.limit,
    page.offset,
  ]);
  return rows.map((row) => ({ playerId: row.id, displayName: row.display_name, xp: row.xp }));
}
