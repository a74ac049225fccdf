import type { Queryable } from '../db/queryable.ts';
import { visibleOnBoardsSql } from '../leaderboard/board-visibility.ts';

/**
 * Ledger reasons a season board leaves out: its own rewards (a winner's prize must not count towards
 * the next season) and the two halves of an account merge (moved XP, not gained XP; the absorbed
 * account's own rows count for the survivor instead, below).
 */
export const notSeasonXpReasons = ['season_reward', 'merge_in', 'merge_out'] as const;

/** The same list as SQL, for statements that leave those reasons out. */
export const notSeasonXpReasonsSql = notSeasonXpReasons.map((r) => `'${r}'`).join(', ');

/**
 * The XP each player gained in [startsAt, endsAt), summed from the ledger by created_at (the
 * `ledger_entries_created_at_idx` range), credited to the account a merged one lives on in, and
 * shown under the lifetime board's visibility rule (see board-visibility.ts). Order: gained XP, then
 * player id, so two reads of a closed window agree on every place. A season's close reads this, the
 * whole window, once.
 * Parameters: $1/$2 kept while away (left, banned), $3 start, $4 end, $5 limit, $6 offset.
 */
export const seasonBoardSql = `WITH gained AS (
    SELECT COALESCE(src.merged_into_id, src.id) AS player_id, SUM(l.xp_delta)::int AS xp
      FROM ledger_entries l JOIN players src ON src.id = l.player_id
     WHERE l.created_at >= $3 AND l.created_at < $4
       AND l.reason NOT IN (${notSeasonXpReasonsSql})
     GROUP BY 1 HAVING SUM(l.xp_delta) > 0)
  SELECT p.id, p.display_name, g.xp FROM gained g JOIN players p ON p.id = g.player_id
   WHERE ${visibleOnBoardsSql({ left: 1, banned: 2 })}
   ORDER BY g.xp DESC, p.id LIMIT $5 OFFSET $6`;

/**
 * The same board read off the season's tallies (season-tally.ts) plus the ledger entries after
 * them, so it costs the page and the last minute's entries, not the window. Exact: a player's XP is
 * their tally plus their newer entries; the leaders are taken from the tallies' index, as many as
 * the page reaches plus one for every player whose newer entries are a loss (each could drop out
 * of the page), so nobody outside them can rank inside it. Tallies made for another window (an
 * admin moved the season) are ignored until the tick starts them again: the board then sums the
 * window as `seasonBoardSql` does.
 * Parameters: as `seasonBoardSql`, and $7 the season's id, $8 the entry its tallies count up to
 * (0 when none), $9 whether they are to be read, $10 how many leaders to take (see `lossesSql`).
 * Those are read first, on their own, so the planner knows how few entries follow the tallies and
 * how few leaders it needs (a limit it cannot see makes it read all the season's tallies).
 */
export const talliedSeasonBoardSql = `WITH
  recent AS (
    SELECT COALESCE(src.merged_into_id, src.id) AS player_id, SUM(l.xp_delta)::int AS xp
      FROM ledger_entries l JOIN players src ON src.id = l.player_id
     WHERE l.id > $8 AND l.created_at >= $3 AND l.created_at < $4
       AND l.reason NOT IN (${notSeasonXpReasonsSql})
     GROUP BY 1),
  tallies AS NOT MATERIALIZED (
    SELECT player_id, xp FROM season_tallies WHERE season_id = $7 AND $9::boolean),
  leaders AS (
    SELECT t.player_id FROM tallies t JOIN players p ON p.id = t.player_id
     WHERE ${visibleOnBoardsSql({ left: 1, banned: 2 })}
     ORDER BY t.xp DESC, t.player_id
     LIMIT $10),
  gained AS (
    SELECT c.player_id,
           COALESCE((SELECT t.xp FROM tallies t WHERE t.player_id = c.player_id), 0) + COALESCE(r.xp, 0) AS xp
      FROM (SELECT player_id FROM leaders UNION SELECT player_id FROM recent) c
      LEFT JOIN recent r ON r.player_id = c.player_id)
  SELECT p.id, p.display_name, g.xp FROM gained g JOIN players p ON p.id = g.player_id
   WHERE g.xp > 0 AND ${visibleOnBoardsSql({ left: 1, banned: 2 })}
   ORDER BY g.xp DESC, p.id LIMIT $5 OFFSET $6`;

export interface SeasonStanding {
  playerId: string;
  displayName: string;
  /** XP gained inside the window. */
  xp: number;
}

/** How far a season's tallies go, if they were made for this window (parameters: id, start, end). */
const tallyMarkSql = `SELECT COALESCE(MAX(through_entry_id), 0) AS through, COUNT(through_entry_id) > 0 AS tallied
  FROM season_tally_marks WHERE season_id = $1 AND starts_at = $2 AND ends_at = $3`;

/**
 * How many players lost XP in the window's entries after the tallies (parameters: the entry the
 * tallies count up to, start, end): each may drop out of a page, so one more leader is read for each.
 */
const lossesSql = `SELECT COUNT(*)::int AS losses FROM (
    SELECT 1 FROM ledger_entries l JOIN players src ON src.id = l.player_id
     WHERE l.id > $1 AND l.created_at >= $2 AND l.created_at < $3
       AND l.reason NOT IN (${notSeasonXpReasonsSql})
     GROUP BY COALESCE(src.merged_into_id, src.id) HAVING SUM(l.xp_delta) < 0) losses`;

/** A season as its boards need it: which tallies are its, and its window. */
export interface SeasonOnBoard {
  id: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A page of a season's board. `exact` sums the whole window from the ledger (the close, which pays
 * the winners, reads nothing maintained); otherwise the page is read off the tallies.
 */
export async function seasonStandings(
  db: Queryable,
  season: SeasonOnBoard,
  kept: { left: boolean; banned: boolean },
  page: { limit: number; offset: number },
  options: { exact?: boolean } = {},
): Promise<SeasonStanding[]> {
  const params: unknown[] = [kept.left, kept.banned, season.startsAt, season.endsAt, page.limit, page.offset];
  if (!options.exact) {
    const window = [season.startsAt, season.endsAt];
    const { rows: marks } = await db.query<{ through: string; tallied: boolean }>(tallyMarkSql, [
      season.id,
      ...window,
    ]);
    const { through, tallied } = marks[0]!;
    const { rows: losses } = await db.query<{ losses: number }>(lossesSql, [through, ...window]);
    params.push(season.id, through, tallied, page.limit + page.offset + losses[0]!.losses);
  }
  const { rows } = await db.query<{ id: string; display_name: string; xp: number }>(
    options.exact ? seasonBoardSql : talliedSeasonBoardSql,
    params,
  );
  return rows.map((row) => ({ playerId: row.id, displayName: row.display_name, xp: row.xp }));
}
