import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { seasonBoardSql, talliedSeasonBoardSql } from './season-standings.ts';
import { tallySeasons } from './season-tally.ts';

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

  it('read off the tallies takes the leaders from their index and the newer entries by number', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const startsAt = new Date(Date.now() - 7 * 86_400_000);
      const endsAt = new Date(Date.now() + 86_400_000);
      const { rows: created } = await client.query<{ id: number }>(
        `INSERT INTO seasons (name, starts_at, ends_at) VALUES ('Running week', $1, $2) RETURNING id`,
        [startsAt, endsAt],
      );
      const seasonId = created[0]!.id;
      await tallySeasons(pool);
      await tallySeasons(pool);
      // Entries after the tally: the board adds them from the ledger.
      await client.query(
        `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta,
                                     xp_after, balance_after, reason)
         SELECT 'scale-late-' || n, (SELECT id FROM players ORDER BY id OFFSET n LIMIT 1), 'xp_change',
                'telegram', 5, 0, 0, 0, 'message' FROM generate_series(1, 50) AS n`,
      );
      await client.query('ANALYZE season_tallies');
      const { rows: marks } = await client.query<{ through: string }>(
        'SELECT through_entry_id AS through FROM season_tally_marks WHERE season_id = $1',
        [seasonId],
      );
      const { rows: planRows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${talliedSeasonBoardSql}`, [
        true,
        true,
        startsAt,
        endsAt,
        26,
        0,
        seasonId,
        marks[0]!.through,
        true,
        26,
      ]);
      const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');
      // The leaders are the first rows of the index, not the whole season sorted.
      const leaders =
        /season_tallies_board_idx on season_tallies.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan);
      expect(Number(leaders?.[1])).toBeLessThanOrEqual(26);
      expect(plan).toMatch(/ledger_entries_pkey/);
      expect(plan).not.toMatch(/Seq Scan on (ledger_entries|season_tallies)/);
      expect(plan).not.toMatch(/ledger_entries_created_at_idx/);
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
      console.info(`season board off the tallies, first page of a one-week window: ${ms} ms`);
    } finally {
      await pool.end();
    }
  });
});
