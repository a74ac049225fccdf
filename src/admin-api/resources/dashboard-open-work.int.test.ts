import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { heldCoinsInTotal, heldInTotalSql } from '../../ledger/holds.ts';
import { openCountsSql } from '../../sync/stats.ts';
import { failedPerMinuteSql } from './dashboard-data.ts';

/**
 * The dashboard refreshes every few seconds and counts what is open: failed events and held coins.
 * Both are kept for good, so a community a year old has a history of each; the counts must read
 * the open ones only. Seeded here: 63,000 events over three weeks, 3,000 of them failed; 4,000 holds
 * of which 3,995 are settled.
 */
let database: TestDatabase;
let client: pg.Client;
let playerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  playerId = (await client.query(`INSERT INTO players (display_name) VALUES ('Ann') RETURNING id`)).rows[0]
    .id;
  // Three weeks of events, one every 30 seconds, every 21st failed for good: 3,000 failures spread
  // through the history as they come, 5 of them in the last hour.
  await client.query(
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, status, created_at, updated_at, processed_at)
     SELECT 'admin-event-' || g, 'admin', 'xp_change', $1::uuid, s.status,
            now() - g * interval '30 seconds', now() - g * interval '30 seconds' + interval '10 seconds',
            CASE WHEN s.status = 'completed' THEN now() - g * interval '30 seconds' + interval '10 seconds' END
       FROM generate_series(1, 63000) g,
            LATERAL (SELECT (CASE WHEN g % 21 = 0 THEN 'failed' ELSE 'completed' END)::"SyncStatus" AS status) s`,
    [playerId],
  );
  await client.query(
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, status)
     SELECT 'admin-open-' || g, 'admin', 'xp_change', $1::uuid, 'pending' FROM generate_series(1, 2) g`,
    [playerId],
  );
  // 4,000 holds of 1..4,000 coins each; all but the last five settled (posted), as years of
  // payouts and purchases leave them.
  await client.query(
    `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason)
     SELECT 'admin-hold-' || g, $1::uuid, 'balance_change', 'admin', 0, -g, 0, 0, 'shop_purchase'
       FROM generate_series(1, 4000) g`,
    [playerId],
  );
  await client.query(
    `INSERT INTO ledger_holds (entry_id, player_id) SELECT id, player_id FROM ledger_entries WHERE coin_delta < 0`,
  );
  await client.query(
    `INSERT INTO ledger_hold_settlements (hold_id, outcome)
     SELECT entry_id, 'posted' FROM ledger_holds ORDER BY entry_id LIMIT 3995`,
  );
  await client.query('VACUUM ANALYZE sync_events');
  await client.query('VACUUM ANALYZE ledger_holds');
  await client.query('VACUUM ANALYZE ledger_hold_settlements');
  await client.query('VACUUM ANALYZE ledger_open_holds');
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function explain(sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('what the dashboard counts on every refresh', () => {
  it('charts the last hour of failures from the failed events index alone', async () => {
    const plan = await explain(failedPerMinuteSql, [new Date()]);
    expect(plan).toContain('Index Only Scan using sync_events_failed_idx');
    expect(plan).not.toMatch(/Seq Scan|sync_events_status_created_at_idx/);
    const { rows } = await client.query(failedPerMinuteSql, [new Date()]);
    expect(rows.reduce((sum, r) => sum + r.failed, 0)).toBe(5);
  });

  it('counts failed events by type without reading the completed ones', async () => {
    const plan = await explain(openCountsSql);
    expect(plan).toContain('Index Only Scan using sync_events_failed_idx');
    expect(plan).not.toMatch(/Seq Scan/);
    const { rows } = await client.query(openCountsSql);
    expect(rows).toEqual(
      expect.arrayContaining([
        { type: 'xp_change', status: 'failed', n: 3000 },
        { type: 'xp_change', status: 'pending', n: 2 },
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('sums the coins held over the open holds, and follows each settlement', async () => {
    const plan = await explain(heldInTotalSql);
    expect(plan).not.toMatch(/Seq Scan on ledger_holds|Seq Scan on ledger_hold_settlements/);
    // Holds 3,996..4,000 are open: 19,990 coins.
    expect(await heldCoinsInTotal(client)).toBe(19_990);
    await client.query(
      `INSERT INTO ledger_hold_settlements (hold_id, outcome)
       SELECT entry_id, 'posted' FROM ledger_holds ORDER BY entry_id DESC LIMIT 1`,
    );
    expect(await heldCoinsInTotal(client)).toBe(19_990 - 4_000);
    const open = await client.query('SELECT count(*)::int AS n FROM ledger_open_holds');
    expect(open.rows[0].n).toBe(4);
  });
});
