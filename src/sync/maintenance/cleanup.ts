import type { Queryable } from '../../db/queryable.ts';

export interface RetentionOptions {
  /** @defaultValue 30 */
  completedDays: number;
  /** @defaultValue 7 */
  failedDays: number;
}

/**
 * One batch of old events of one status: the next `$5` events in (created_at, id) order after the
 * cursor (`$2`, `$3`), walked along the index sync_events (status, created_at), of which those last
 * processed (or, never processed, last updated) before the cutoff `$4` are deleted. An event is
 * created before it is processed or updated, so each of those was created before the cutoff too:
 * the index range holds them all, and the condition is checked on the rows it walks. The batch
 * says how many it walked, how many it deleted, and where the next one starts: no batch walks over
 * what earlier ones deleted, and one statement per batch holds its locks only briefly.
 */
export const cleanupEventsBatchSql = `
WITH walked AS (
  SELECT id, created_at, processed_at, updated_at FROM sync_events
   WHERE status = $1::"SyncStatus" AND created_at >= $2 AND created_at < $4
     AND (created_at > $2 OR id > $3::uuid)
   ORDER BY created_at, id LIMIT $5
), gone AS (
  DELETE FROM sync_events
   WHERE id = ANY(ARRAY(SELECT id FROM walked WHERE coalesce(processed_at, updated_at) < $4))
  RETURNING 1
), last AS (
  SELECT created_at, id FROM walked ORDER BY created_at DESC, id DESC LIMIT 1
)
SELECT (SELECT count(*) FROM walked)::int AS walked, (SELECT count(*) FROM gone)::int AS deleted,
       (SELECT created_at FROM last) AS last_at, (SELECT id FROM last) AS last_id`;

interface CleanupBatch {
  walked: number;
  deleted: number;
  last_at: Date | null;
  last_id: string | null;
}

/**
 * Deletes old completed and failed SyncEvents, in batches of one statement each, so a large backlog
 * never holds long locks. The ledger is never touched: it is the history.
 */
export async function cleanupSyncEvents(
  db: Queryable,
  retention: RetentionOptions,
  batchSize = 5000,
): Promise<{ completed: number; failed: number }> {
  const deleted = { completed: 0, failed: 0 };
  for (const [status, days] of [
    ['completed', retention.completedDays],
    ['failed', retention.failedDays],
  ] as const) {
    // Fixed for the whole run: a backlog being deleted is not chased by a moving cutoff.
    const cutoff = await db.query<{ at: Date }>('SELECT now() - make_interval(days => $1) AS at', [days]);
    let after: { at: Date | string; id: string } = {
      at: '-infinity',
      id: '00000000-0000-0000-0000-000000000000',
    };
    for (;;) {
      const result: { rows: CleanupBatch[] } = await db.query(cleanupEventsBatchSql, [
        status,
        after.at,
        after.id,
        cutoff.rows[0]!.at,
        batchSize,
      ]);
      const batch = result.rows[0]!;
      deleted[status] += batch.deleted;
      if (batch.walked < batchSize || !batch.last_at || !batch.last_id) break;
      after = { at: batch.last_at, id: batch.last_id };
    }
  }
  return deleted;
}

/**
 * Deletes link codes that expired more than `days` ago, and with them (ON DELETE CASCADE) the link
 * previews shown for them: a code is useless once expired, and a preview never outlives its code.
 * Identities and the merges the codes led to are not touched.
 */
export async function cleanupLinkCodes(db: Queryable, days = 7, batchSize = 5000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db.query(
      // An index range (link_codes expires_at), deleted by key, a batch per statement.
      `DELETE FROM link_codes WHERE code = ANY(ARRAY(
         SELECT code FROM link_codes WHERE expires_at < now() - make_interval(days => $1)
          ORDER BY expires_at LIMIT $2))`,
      [days, batchSize],
    );
    deleted += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < batchSize) return deleted;
  }
}
