import type { Queryable } from '../../db/queryable.ts';

export interface RetentionOptions {
  /** @defaultValue 30 */
  completedDays: number;
  /** @defaultValue 7 */
  failedDays: number;
}

/**
 * Deletes old completed and failed SyncEvents, in batches so a large backlog never holds long
 * locks. The ledger is never touched: it is the history.
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
    for (;;) {
      const result = await db.query(
        `DELETE FROM sync_events WHERE id IN (
           SELECT id FROM sync_events
            WHERE status = $1::"SyncStatus" AND coalesce(processed_at, updated_at) < now() - make_interval(days => $2)
            LIMIT $3)`,
        [status, days, batchSize],
      );
      deleted[status] += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < batchSize) break;
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
      `DELETE FROM link_codes WHERE code IN (
         SELECT code FROM link_codes WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, batchSize],
    );
    deleted += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < batchSize) return deleted;
  }
}
