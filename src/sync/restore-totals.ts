import type pg from 'pg';
import type { Queryable } from '../economy/ledger.ts';
import { noteDrift } from './note-drift.ts';

export interface Totals {
  xp: number;
  balance: number;
}

/**
 * One aggregate over the whole ledger; one statement sees one snapshot, and a change writes its
 * ledger row and the totals in one statement, so a change being recorded is never mistaken for drift.
 */
const driftedTotalsSql = `
SELECT p.id FROM players p
  LEFT JOIN (SELECT player_id, sum(xp_delta) AS xp, sum(coin_delta) AS coins FROM ledger_entries GROUP BY player_id) l
    ON l.player_id = p.id
 WHERE p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)`;

/** Players whose xp or balance differs from the sums of their ledger rows. */
export async function findDriftedTotals(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(driftedTotalsSql);
  return rows.map((r) => r.id);
}

/**
 * The ledger is the truth and append-only; totals are derived from it. A drifted total is set back
 * to the ledger sums (never corrected by a new ledger row), under the player's row lock, which every
 * ledger write takes first: no ledger row of this player can commit between reading the sums and
 * writing the totals. Counts the drift on the player's sync state. Returns null when there was no
 * drift any more (put right in the meantime), or no player.
 */
export async function restorePlayerTotals(
  pool: pg.Pool,
  playerId: string,
): Promise<{ expected: Totals; actual: Totals } | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<Totals>('SELECT xp, balance FROM players WHERE id = $1 FOR UPDATE', [
      playerId,
    ]);
    const actual = locked.rows[0];
    const updated = await client.query<Totals>(
      `UPDATE players p SET xp = l.xp, balance = l.coins, updated_at = now()
         FROM (SELECT coalesce(sum(xp_delta), 0)::int AS xp, coalesce(sum(coin_delta), 0)::int AS coins
                 FROM ledger_entries WHERE player_id = $1) l
        WHERE p.id = $1 AND (p.xp <> l.xp OR p.balance <> l.coins)
       RETURNING p.xp, p.balance`,
      [playerId],
    );
    const expected = updated.rows[0];
    if (!actual || !expected) {
      // Put right in the meantime (another reconcile), or gone.
      await client.query('COMMIT');
      return null;
    }
    const error = `totals drifted from the ledger: xp ${actual.xp} (ledger ${expected.xp}), balance ${actual.balance} (ledger ${expected.balance})`;
    await noteDrift(client, [{ playerId, error }]);
    await client.query('COMMIT');
    return { expected, actual };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
