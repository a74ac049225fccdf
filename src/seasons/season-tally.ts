import type pg from 'pg';
import { inTransaction } from '../db/in-transaction.ts';
import { notSeasonXpReasonsSql } from './season-standings.ts';

/**
 * Season tallies: per season and player, the XP gained in the season's window, kept by the minute
 * tick so a board reads the leaders off an index instead of summing a week or a month of the ledger
 * on every `/top season`. A board adds the entries recorded after the tally (season-standings.ts),
 * so what it shows is exact however far behind the tally is.
 */

/**
 * Ledger entries one tick adds to a season's tallies at most: a season started over a long history,
 * or a window an admin moved, is caught up over several ticks, each one short.
 * @defaultValue 500000
 */
export const tallyEntriesPerTick = 500_000;

interface TalliedSeason {
  id: number;
  starts_at: Date;
  ends_at: Date;
}

/**
 * Brings the tallies of every season that has started and ended less than a day ago up to the
 * entries seen at the tick before (see SeasonTallyMark in prisma/schema.prisma). Returns how many
 * seasons it moved on. Any number of ticks may run at once: each season's mark is locked while its
 * entries are added, so no entry is counted twice.
 */
export async function tallySeasons(
  pool: pg.Pool,
  options: { now?: Date; entriesPerTick?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const entriesPerTick = options.entriesPerTick ?? tallyEntriesPerTick;
  const { rows } = await pool.query<TalliedSeason>(
    `SELECT id, starts_at, ends_at FROM seasons
      WHERE starts_at <= $1 AND ends_at > $1::timestamptz - interval '1 day' ORDER BY id`,
    [now],
  );
  let moved = 0;
  for (const season of rows) {
    if (await inTransaction(pool, (client) => tallySeason(client, season, entriesPerTick))) moved++;
  }
  return moved;
}

async function tallySeason(
  client: pg.PoolClient,
  season: TalliedSeason,
  entriesPerTick: number,
): Promise<boolean> {
  const mark = await lockedMark(client, season);
  if (mark.fresh) return false;
  const window = [season.starts_at, season.ends_at];
  let through: number;
  if (mark.through === null) {
    // The first count reads the window off the created_at index, up to the entry seen at the tick
    // before: every entry of the window numbered up to there, whatever order time and numbers took.
    await addToTallies(client, season.id, 'l.id <= $2', [mark.seen, ...window]);
    through = mark.seen;
  } else {
    through = Math.min(mark.seen, mark.through + entriesPerTick);
    if (through > mark.through) {
      await addToTallies(client, season.id, 'l.id > $2 AND l.id <= $3', [mark.through, through, ...window]);
    }
  }
  // A merge moves the tallies it finds (moveSeasonTallies); this catches a row this tick or one
  // running beside the merge wrote for the absorbed account after the merge looked.
  await client.query(
    `WITH moved AS (
       DELETE FROM season_tallies t USING players p
        WHERE t.season_id = $1 AND p.id = t.player_id AND p.merged_into_id IS NOT NULL
       RETURNING p.merged_into_id AS player_id, t.xp)
     INSERT INTO season_tallies (season_id, player_id, xp)
     SELECT $1, player_id, SUM(xp)::int FROM moved GROUP BY player_id
     ON CONFLICT (season_id, player_id) DO UPDATE SET xp = season_tallies.xp + EXCLUDED.xp`,
    [season.id],
  );
  await client.query(
    `UPDATE season_tally_marks
        SET through_entry_id = $2, seen_entry_id = (SELECT COALESCE(max(id), 0) FROM ledger_entries),
            updated_at = now()
      WHERE season_id = $1`,
    [season.id, through],
  );
  return through !== mark.through;
}

/**
 * Adds to a season's tallies its entries in the window that `range` picks (its parameters from $2,
 * the window's start and end last), each credited to the account it counts for.
 */
async function addToTallies(client: pg.PoolClient, seasonId: number, range: string, params: unknown[]) {
  const start = params.length; // $1 is the season; the window's start and end are the last two.
  await client.query(
    `INSERT INTO season_tallies (season_id, player_id, xp)
     SELECT $1, COALESCE(p.merged_into_id, p.id), SUM(l.xp_delta)::int
       FROM ledger_entries l JOIN players p ON p.id = l.player_id
      WHERE ${range} AND l.created_at >= $${start} AND l.created_at < $${start + 1}
        AND l.reason NOT IN (${notSeasonXpReasonsSql})
      GROUP BY 2 HAVING SUM(l.xp_delta) <> 0
     ON CONFLICT (season_id, player_id) DO UPDATE SET xp = season_tallies.xp + EXCLUDED.xp`,
    [seasonId, ...params],
  );
}

/**
 * The season's mark, locked for this transaction; created, or started again with the tallies
 * emptied, when the season has none or its window moved (`fresh`: nothing to count this tick). A
 * new mark has counted nothing yet (`through` null) and remembers the newest entry, which the next
 * tick counts up to.
 */
async function lockedMark(
  client: pg.PoolClient,
  season: TalliedSeason,
): Promise<{ through: number | null; seen: number; fresh: boolean }> {
  const newest = '(SELECT COALESCE(max(id), 0) FROM ledger_entries)';
  const created = await client.query(
    `INSERT INTO season_tally_marks (season_id, starts_at, ends_at, through_entry_id, seen_entry_id)
     VALUES ($1, $2, $3, NULL, ${newest})
     ON CONFLICT (season_id) DO NOTHING RETURNING season_id`,
    [season.id, season.starts_at, season.ends_at],
  );
  if (created.rows.length > 0) return { through: null, seen: 0, fresh: true };
  const { rows } = await client.query<{
    starts_at: Date;
    ends_at: Date;
    through: string | null;
    seen: string;
  }>(
    `SELECT starts_at, ends_at, through_entry_id AS through, seen_entry_id AS seen
       FROM season_tally_marks WHERE season_id = $1 FOR UPDATE`,
    [season.id],
  );
  const mark = rows[0]!;
  if (
    mark.starts_at.getTime() !== season.starts_at.getTime() ||
    mark.ends_at.getTime() !== season.ends_at.getTime()
  ) {
    await client.query('DELETE FROM season_tallies WHERE season_id = $1', [season.id]);
    await client.query(
      `UPDATE season_tally_marks SET starts_at = $2, ends_at = $3, through_entry_id = NULL,
              seen_entry_id = ${newest}, updated_at = now()
        WHERE season_id = $1`,
      [season.id, season.starts_at, season.ends_at],
    );
    return { through: null, seen: 0, fresh: true };
  }
  return {
    through: mark.through === null ? null : Number(mark.through),
    seen: Number(mark.seen),
    fresh: false,
  };
}

/**
 * Part of a merge (inside its transaction, under both players' locks): the absorbed account's season
 * XP counts for the survivor from now on, as its ledger entries do on a board.
 */
export async function moveSeasonTallies(
  client: pg.PoolClient,
  survivorId: string,
  absorbedId: string,
): Promise<void> {
  await client.query(
    `WITH moved AS (
       DELETE FROM season_tallies t USING season_tally_marks m
        WHERE t.season_id = m.season_id AND t.player_id = $2
       RETURNING t.season_id, t.xp)
     INSERT INTO season_tallies (season_id, player_id, xp)
     SELECT season_id, $1, xp FROM moved
     ON CONFLICT (season_id, player_id) DO UPDATE SET xp = season_tallies.xp + EXCLUDED.xp`,
    [survivorId, absorbedId],
  );
}
