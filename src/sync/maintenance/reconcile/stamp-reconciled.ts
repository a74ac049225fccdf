import type { Queryable } from '../../../db/queryable.ts';

// The players are locked (KEY SHARE, in id order) before their sync_states rows are written. An economy
// job holds its player FOR UPDATE and then inserts that player's sync_states row; without the lock first,
// this batch could insert the same row and then wait on the player for the foreign key check, while the
// job waits on this batch's insert: a deadlock the first reconcile after a burst of new players hit.
const stampSql = `
WITH locked AS (SELECT id FROM players WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE)
INSERT INTO sync_states (player_id, last_reconcile_at)
SELECT id, now() FROM locked
ON CONFLICT (player_id) DO UPDATE SET last_reconcile_at = EXCLUDED.last_reconcile_at`;

/**
 * Stamps the players a run looked at (their totals or their rank) as reconciled now. Only those: a
 * player in step since the last run is not written again, so a run writes what changed, not every
 * player of the community.
 */
export async function stampReconciled(db: Queryable, playerIds: readonly string[]): Promise<void> {
  if (playerIds.length === 0) return;
  await db.query(stampSql, [playerIds]);
}
