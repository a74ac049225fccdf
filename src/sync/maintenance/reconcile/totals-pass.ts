import type { Queryable } from '../../../db/queryable.ts';
import type { SyncContext } from '../../context.ts';
import type { Tally } from './findings.ts';
import { stampReconciled } from './stamp-reconciled.ts';
import { verifyAccounts } from './verify-accounts.ts';

export interface TotalsPassOptions {
  /** Accounts checked per statement. @defaultValue 1000 */
  batchSize: number;
  /**
   * Players without a checkpoint verified per run (their whole history is read, about half a
   * millisecond a player): after an upgrade the first checks of every player spread over several
   * runs, each of bounded length. A full audit (audit.ts) writes every checkpoint at once, in the
   * background. @defaultValue 10000
   */
  maxNewCheckpoints: number;
}

/**
 * Verifies the totals of the players that changed since they were last verified, and puts drift
 * right. The work follows what changed, not the size of the ledger:
 * - players whose totals, counters or merge differ from their checkpoint (one pass over players
 *   joined to checkpoints: it grows with players, never with history);
 * - players with ledger rows after their checkpoint among the rows since the run before the last
 *   (an index range on the ledger's key; two runs back, so a row whose id was taken before the last
 *   run but committed after it is still seen);
 * - players with no checkpoint yet (new players, or all of them after an upgrade);
 * - and the account each merged one among them was merged into, whose counters its rows count for.
 * The run's high-water mark is stored once the pass has finished.
 */
export async function reconcileTotals(
  ctx: SyncContext,
  runId: number,
  options: TotalsPassOptions,
  tally: Tally,
): Promise<void> {
  const db = ctx.db.pool;
  const highWater = await ledgerHighWater(db);
  const since = await rowsToLookAtFrom(db, runId);
  const candidates = await changedPlayers(db, since, options.maxNewCheckpoints);
  for (let i = 0; i < candidates.length; i += options.batchSize) {
    const batch = candidates.slice(i, i + options.batchSize);
    await verifyAccounts(ctx, batch, { fromScratch: false }, tally);
    await stampReconciled(db, batch);
  }
  await db.query('UPDATE reconcile_runs SET ledger_high_water = $2 WHERE id = $1', [runId, highWater]);
}

async function ledgerHighWater(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT coalesce(max(id), 0)::text AS id FROM ledger_entries',
  );
  return rows[0]!.id;
}

/**
 * Where this run's look at new ledger rows starts: the high-water mark of the run before the last
 * one that finished its totals pass (or of the last, if only one did). Without any (the first run,
 * or run rows deleted), the newest checkpoint; with no checkpoint at all, every player is checked as
 * one without a checkpoint, and no row needs looking at: null.
 */
async function rowsToLookAtFrom(db: Queryable, runId: number): Promise<string | null> {
  const { rows } = await db.query<{ mark: string }>(
    `SELECT ledger_high_water::text AS mark FROM reconcile_runs
      WHERE ledger_high_water IS NOT NULL AND id < $1 ORDER BY id DESC LIMIT 2`,
    [runId],
  );
  const mark = rows.at(-1)?.mark;
  if (mark !== undefined) return mark;
  const newest = await db.query<{ mark: string | null }>(
    'SELECT max(entry_id)::text AS mark FROM reconcile_checkpoints',
  );
  return newest.rows[0]?.mark ?? null;
}

const changedSql = `
WITH differing AS (
  -- One pass over players and checkpoints: the players that changed, and those without a checkpoint.
  SELECT p.id, k.player_id IS NULL AS unchecked
    FROM players p LEFT JOIN reconcile_checkpoints k ON k.player_id = p.id
   WHERE k.player_id IS NULL
      OR (p.xp, p.balance, p.messages, p.voice_minutes, p.games_won, p.coins_earned)
         IS DISTINCT FROM (k.xp, k.balance, k.messages, k.voice_minutes, k.games_won, k.coins_earned)
      OR p.merged_into_id IS DISTINCT FROM k.merged_into_id
), appended AS (
  SELECT DISTINCT e.player_id AS id FROM ledger_entries e
    LEFT JOIN reconcile_checkpoints k ON k.player_id = e.player_id
   WHERE $1::bigint IS NOT NULL AND e.id > $1::bigint AND e.id > coalesce(k.entry_id, 0)
), candidate AS (
  SELECT id FROM differing WHERE NOT unchecked
  UNION (SELECT id FROM differing WHERE unchecked ORDER BY id LIMIT $2)
  UNION SELECT id FROM appended
)
SELECT id FROM candidate
UNION
SELECT p.merged_into_id FROM candidate c JOIN players p ON p.id = c.id WHERE p.merged_into_id IS NOT NULL
ORDER BY 1`;

async function changedPlayers(db: Queryable, since: string | null, maxNew: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(changedSql, [since, maxNew]);
  return rows.map((r) => r.id);
}
