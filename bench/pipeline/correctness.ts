import type pg from 'pg';
import type { Workload } from './workload.ts';

export interface Correctness {
  /** Extra submissions of keys submitted three times (2 per such key). */
  duplicates_submitted: number;
  duplicate_keys: number;
  /** Ledger rows beyond one per duplicated key (the unique index makes this 0 unless it is missing). */
  duplicates_applied: number;
  /** Engine.record answered `applied: true` more often than there are unique keys. */
  applied_answers_beyond_unique: number;
  /** Bench keys whose economy job ran its processor to 'completed' more than once. */
  duplicates_processed: number;
  /** Unique keys without a ledger row. */
  missing_applied: number;
  /** Every player's xp and balance equal the sums of their ledger rows. */
  ledger_consistent: boolean;
  /** Every player's non-achievement ledger sums equal what the bench submitted, each key once. */
  totals_match_submitted: boolean;
  events_failed: number;
  events_open: number;
  record_errors: number;
  ok: boolean;
}

export interface ProducerTally {
  appliedTrue: number;
  appliedFalse: number;
  errors: number;
  firstErrors: string[];
}

export async function checkCorrectness(
  pool: pg.Pool,
  workload: Workload,
  producer: ProducerTally,
  completedRuns: ReadonlyMap<string, number>,
): Promise<Correctness> {
  const one = async (sql: string, params: unknown[] = []): Promise<number> => {
    const { rows } = await pool.query(sql, params);
    return Number(Object.values(rows[0] ?? { n: 0 })[0] ?? 0);
  };
  const duplicatesApplied = await one(
    `SELECT coalesce(sum(n - 1), 0)::int FROM (
       SELECT count(*) n FROM ledger_entries WHERE idempotency_key = ANY($1::text[]) GROUP BY idempotency_key) x`,
    [workload.duplicateKeys],
  );
  const appliedRows = await one(
    `SELECT count(DISTINCT idempotency_key)::int FROM ledger_entries WHERE idempotency_key = ANY($1::text[])`,
    [workload.uniqueKeys],
  );
  const drift = await one(
    `SELECT count(*)::int FROM players p
       LEFT JOIN (SELECT player_id, sum(xp_delta) xp, sum(coin_delta) coins FROM ledger_entries GROUP BY player_id) l
         ON l.player_id = p.id
      WHERE p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)`,
  );
  const ids = [...workload.expected.keys()];
  const mismatched = await one(
    `SELECT count(*)::int FROM unnest($1::uuid[], $2::int[], $3::int[]) AS e(player_id, xp, coins)
       LEFT JOIN (SELECT player_id, sum(xp_delta) xp, sum(coin_delta) coins FROM ledger_entries
                   WHERE reason <> 'achievement' GROUP BY player_id) l ON l.player_id = e.player_id
      WHERE coalesce(l.xp, 0) <> e.xp OR coalesce(l.coins, 0) <> e.coins`,
    [ids, ids.map((id) => workload.expected.get(id)!.xp), ids.map((id) => workload.expected.get(id)!.coins)],
  );
  const failed = await one(`SELECT count(*)::int FROM sync_events WHERE status = 'failed'`);
  const open = await one(`SELECT count(*)::int FROM sync_events WHERE status IN ('pending', 'processing')`);
  let processedTwice = 0;
  for (const runs of completedRuns.values()) if (runs > 1) processedTwice++;
  const result = {
    duplicates_submitted: workload.duplicateSubmissions,
    duplicate_keys: workload.duplicateKeys.length,
    duplicates_applied: duplicatesApplied,
    applied_answers_beyond_unique: Math.max(0, producer.appliedTrue - workload.uniqueKeys.length),
    duplicates_processed: processedTwice,
    missing_applied: workload.uniqueKeys.length - appliedRows,
    ledger_consistent: drift === 0,
    totals_match_submitted: mismatched === 0,
    events_failed: failed,
    events_open: open,
    record_errors: producer.errors,
  };
  return {
    ...result,
    ok:
      result.duplicates_applied === 0 &&
      result.applied_answers_beyond_unique === 0 &&
      result.duplicates_processed === 0 &&
      result.missing_applied === 0 &&
      result.ledger_consistent &&
      result.totals_match_submitted &&
      result.events_failed === 0 &&
      result.events_open === 0 &&
      result.record_errors === 0,
  };
}
