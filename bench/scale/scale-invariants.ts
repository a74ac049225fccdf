import type pg from 'pg';
import { findDriftedTotals } from '../../src/ledger/restore-totals.ts';

/**
 * What must hold of a seeded history before anything is timed on it. Unique keys and references
 * are checked by PostgreSQL when the seed re-adds its constraints; this checks the rest.
 */
export interface InvariantReport {
  ledger_rows: number;
  sync_events: number;
  players: number;
  /** Rows whose xp_after/balance_after do not continue their player's previous row. */
  broken_chain_rows: number;
  /** Players whose totals or progress counters differ from their ledger sums (the product's check). */
  drifted_players: number;
  /** Economy events whose ledger row (same key) is missing. */
  orphan_events: number;
  ok: boolean;
}

export async function checkInvariants(pool: pg.Pool): Promise<InvariantReport> {
  const client = await pool.connect();
  try {
    await client.query(`SET work_mem = '512MB'`);
    const chain = await client.query<{ broken: number }>(
      `SELECT count(*)::int AS broken FROM (
         SELECT xp_after, balance_after, xp_delta, coin_delta,
                lag(xp_after, 1, 0) OVER w AS previous_xp, lag(balance_after, 1, 0) OVER w AS previous_balance
           FROM ledger_entries WINDOW w AS (PARTITION BY player_id ORDER BY id)) rows
        WHERE xp_after <> previous_xp + xp_delta OR balance_after <> previous_balance + coin_delta`,
    );
    const drifted = await findDriftedTotals(client);
    const counts = await client.query<{ ledger: number; events: number; players: number; orphans: number }>(
      `SELECT (SELECT count(*)::int FROM ledger_entries) AS ledger,
              (SELECT count(*)::int FROM sync_events) AS events,
              (SELECT count(*)::int FROM players) AS players,
              (SELECT count(*)::int FROM sync_events e
                WHERE e.type IN ('xp_change', 'balance_change', 'reward_grant')
                  AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.idempotency_key = e.idempotency_key)) AS orphans`,
    );
    const c = counts.rows[0]!;
    const broken = chain.rows[0]!.broken;
    return {
      ledger_rows: c.ledger,
      sync_events: c.events,
      players: c.players,
      broken_chain_rows: broken,
      drifted_players: drifted.length,
      orphan_events: c.orphans,
      ok: broken === 0 && drifted.length === 0 && c.orphans === 0,
    };
  } finally {
    client.release();
  }
}
