import type { Queryable } from '../db/queryable.ts';

/**
 * Counts drift that reconcile (or the gateway handler) found on each player's sync state, with what
 * it was, for the admin: one statement for any number of players.
 */
export async function noteDrift(
  db: Queryable,
  entries: ReadonlyArray<{ playerId: string; error: string }>,
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO sync_states (player_id, reconcile_errors, last_error, updated_at)
     SELECT player_id, 1, error, now() FROM unnest($1::uuid[], $2::text[]) AS d(player_id, error)
     ON CONFLICT (player_id) DO UPDATE SET
       reconcile_errors = sync_states.reconcile_errors + 1,
       last_error = EXCLUDED.last_error,
       updated_at = now()`,
    [entries.map((e) => e.playerId), entries.map((e) => e.error.slice(0, 2000))],
  );
}
