import type pg from 'pg';
import type { Queryable } from '../db/queryable.ts';
import { noteDrift } from './note-drift.ts';
import {
  type ChainBreak,
  earningReasons,
  firstChainBreak,
  writeFullCheckpoint,
} from './totals-checkpoint.ts';

export interface Totals {
  xp: number;
  balance: number;
}

/**
 * Aggregates over the whole ledger in one statement: one snapshot, and a change writes its ledger
 * row and the totals in one statement, so a change being recorded is never mistaken for drift.
 * XP and coins are each row's player's (a merge moves them with ledger rows of its own); progress
 * counters follow a merge without rows, so a merged player's earning rows count for the account it
 * was merged into (merges point every absorbed player straight at the surviving account).
 */
const moneySums =
  'SELECT player_id, sum(xp_delta)::int AS xp, sum(coin_delta)::int AS coins FROM ledger_entries';
const progressOwner = 'coalesce(owner.merged_into_id, e.player_id)';
const progressSums = `
SELECT ${progressOwner} AS player_id,
       count(*) FILTER (WHERE e.reason = 'message')::int AS messages,
       count(*) FILTER (WHERE e.reason = 'voice_minute')::int AS voice_minutes,
       count(*) FILTER (WHERE e.reason = 'game_win')::int AS games_won,
       coalesce(sum(e.coin_delta) FILTER (WHERE e.coin_delta > 0 AND e.reason = ANY($1::text[])), 0)::int AS coins_earned
  FROM ledger_entries e JOIN players owner ON owner.id = e.player_id`;

const drifted = `p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)
    OR p.messages <> coalesce(g.messages, 0) OR p.voice_minutes <> coalesce(g.voice_minutes, 0)
    OR p.games_won <> coalesce(g.games_won, 0) OR p.coins_earned <> coalesce(g.coins_earned, 0)`;

/** Totals and achievement progress counters are all checked: each is derived from the ledger. */
const driftedTotalsSql = `
SELECT p.id FROM players p
  LEFT JOIN (${moneySums} GROUP BY player_id) l ON l.player_id = p.id
  LEFT JOIN (${progressSums} GROUP BY 1) g ON g.player_id = p.id
 WHERE ${drifted}`;

/**
 * Players whose totals or progress counters differ from what their ledger rows add up to, over the
 * whole ledger at once: for tests and one-off checks. Reconcile checks what changed since its
 * checkpoints instead (totals-checkpoint.ts), and its audit walks the players in pages.
 */
export async function findDriftedTotals(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(driftedTotalsSql, [earningReasons]);
  return rows.map((r) => r.id);
}

/** What verifying one player's totals under its row lock found. */
export interface PlayerVerdict {
  /** The totals had drifted and are restored; null when they matched the ledger. */
  drift: { expected: Totals; actual: Totals } | null;
  /** The first row after `chainAfter` whose "after" totals the ledger does not explain. */
  chainBreak: ChainBreak | null;
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
  return (await verifyPlayerTotals(pool, playerId)).drift;
}

/**
 * Verifies one player from the whole ledger under its row lock: restores drifted totals as
 * `restorePlayerTotals` says, looks for rows after `chainAfter` that break the chain (when given),
 * and writes the player's reconcile checkpoint, so the next check reads only newer rows.
 */
export async function verifyPlayerTotals(
  pool: pg.Pool,
  playerId: string,
  options: { chainAfter?: string } = {},
): Promise<PlayerVerdict> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<Totals>('SELECT xp, balance FROM players WHERE id = $1 FOR UPDATE', [
      playerId,
    ]);
    const actual = locked.rows[0];
    if (!actual) {
      await client.query('COMMIT');
      return { drift: null, chainBreak: null };
    }
    const updated = await client.query<Totals>(
      `UPDATE players p SET xp = coalesce(l.xp, 0), balance = coalesce(l.coins, 0),
              messages = coalesce(g.messages, 0), voice_minutes = coalesce(g.voice_minutes, 0),
              games_won = coalesce(g.games_won, 0), coins_earned = coalesce(g.coins_earned, 0), updated_at = now()
         FROM (SELECT $2::uuid AS id) me
         LEFT JOIN (${moneySums} WHERE player_id = $2 GROUP BY player_id) l ON true
         LEFT JOIN (${progressSums}
                     WHERE e.player_id IN (SELECT id FROM players WHERE id = $2 OR merged_into_id = $2)
                       AND ${progressOwner} = $2
                     GROUP BY 1) g ON true
        WHERE p.id = me.id AND (${drifted})
       RETURNING p.xp, p.balance`,
      [earningReasons, playerId],
    );
    const expected = updated.rows[0];
    if (expected) {
      const error = `totals drifted from the ledger: xp ${actual.xp} (ledger ${expected.xp}), balance ${actual.balance} (ledger ${expected.balance})`;
      await noteDrift(client, [{ playerId, error }]);
    }
    const chainBreak =
      options.chainAfter === undefined ? null : await firstChainBreak(client, playerId, options.chainAfter);
    await writeFullCheckpoint(client, playerId);
    await client.query('COMMIT');
    return { drift: expected ? { expected, actual } : null, chainBreak };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
