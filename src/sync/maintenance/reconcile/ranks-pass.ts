import type { Catalog } from '../../../catalog/catalog.ts';
import { activeRanksAscending, rankForXp } from '../../../economy/ranks.ts';
import { deriveRankChange } from '../../../progression/derive-rank.ts';
import { playersWithOpenEvents } from '../../../roles/member-roles.ts';
import type { SyncContext } from '../../context.ts';
import type { Tally } from './findings.ts';
import { stampReconciled } from './stamp-reconciled.ts';

// The players whose rank, as their XP gives it, is not the rank last derived for them. The rank is
// computed in the statement (width_bucket counts the thresholds at or below the XP, so the last of
// tied thresholds wins, as rankForXp's order makes it), so a run reads every player once and writes
// nothing for the ones in step: the cost of a run is a scan of the players, whatever the history.
// MATERIALIZED makes that one hash join of players and sync states: with the LIMIT outside it, the
// planner would otherwise walk the players' key and look each sync state up, three times slower on
// a million players when (as usual) almost none is behind.
const behindBatchSql = `
WITH behind AS MATERIALIZED (
  SELECT p.id, p.xp, s.last_rank_id
    FROM players p LEFT JOIN sync_states s ON s.player_id = p.id
   WHERE p.id > $1::uuid AND p.merged_into_id IS NULL
     AND ($4::int[])[width_bucket(p.xp, $3::int[])] IS DISTINCT FROM s.last_rank_id)
SELECT id, xp, last_rank_id FROM behind ORDER BY id LIMIT $2`;

/**
 * Records the rank changes that were never derived (a rank_change through the normal queue) for the
 * players whose rank is behind their XP, a batch per statement, and stamps them as reconciled.
 * Players with an open event are left to it: its processor derives their rank.
 */
export async function rederiveRanks(
  ctx: SyncContext,
  catalog: Catalog,
  runKey: string,
  batchSize: number,
  tally: Tally,
): Promise<void> {
  const ranks = activeRanksAscending(catalog.ranks);
  const thresholds = ranks.map((rank) => rank.minXp);
  const rankIds = ranks.map((rank) => rank.id);
  // Every player is looked at (the scan reads them all), though only those behind are written.
  const players = await ctx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM players');
  tally.report.playersChecked += players.rows[0]!.n;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await ctx.db.pool.query<{ id: string; xp: number; last_rank_id: number | null }>(
      behindBatchSql,
      [after, batchSize, thresholds, rankIds],
    );
    if (rows.length === 0) break;
    const busy = await playersWithOpenEvents(
      ctx.db.pool,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      if (busy.has(row.id)) continue;
      const recorded = await deriveRankChange(ctx.engine, catalog, {
        playerId: row.id,
        causeEventId: runKey,
      });
      if (!recorded) continue;
      tally.report.ranksRederived += 1;
      tally.add({
        kind: 'rank',
        playerId: row.id,
        expectedRankId: rankForXp(row.xp, catalog.ranks)?.id ?? null,
        actualRankId: row.last_rank_id,
      });
    }
    await stampReconciled(
      ctx.db.pool,
      rows.map((r) => r.id),
    );
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }
}
