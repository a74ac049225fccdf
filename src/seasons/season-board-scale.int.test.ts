import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { seasonBoardSql } from './season-standings.ts';

/**
 * A season board reads the ledger rows of its window only: a seeded ledger (SEASON_SCALE_ROWS,
 * 200,000 unless set) spread over 100 days, read through the board's own statement for a one-week
 * window. The plan must be a range of the created_at index, never a scan of the whole ledger.
 */
const rows = Number(process.env.SEASON_SCALE_ROWS ?? 200_000);
const players = Math.max(100, Math.floor(rows / 10));

let database: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO players (display_name, xp) SELECT 'player ' || n, 1000 FROM generate_series(1, $1::int) AS n`,
    [players],
  );
  // Rows straight into the table: the board sums deltas whatever recorded them.
  await client.query(
    `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta,
                                 xp_after, balance_after, reason, created_at)
     SELECT 'scale-' || n, ids.id, 'xp_change', 'telegram', 1 + n % 20, 0, 0, 0, 'message',
            now() - (n % 100) * interval '1 day' - (n % 86400) * interval '1 second'
       FROM generate_series(1, $1::int) AS n
       JOIN (SELECT id, row_number() OVER () AS k FROM players) ids ON ids.k = 1 + n % $2::int`,
    [rows, players],
  );
  await client.query('ANALYZE players; ANALYZE ledger_entries');
}, 600_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe(`a season board over a ledger of ${rows} rows`, () => {
  it('reads only its window, from the created_at index', async () => {
    const params = [
      true,
      true,
      new Date(Date.now() - 14 * 86_400_000),
      new Date(Date.now() - 7 * 86_400_000),
    ];
    const { rows: planRows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${seasonBoardSql}`, [
      ...params,
      26,
      0,
    ]);
    const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/ledger_entries_created_at_idx/);
    expect(plan).not.toMatch(/Seq Scan on ledger_entries/);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
    console.info(`season board, first page of a one-week window: ${ms} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
