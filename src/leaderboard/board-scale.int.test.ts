import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { boardPageSql, maxBoardDepth } from './public-board.ts';

/**
 * The boards stay an index range at scale: a seeded players table (BOARD_SCALE_PLAYERS, 100,000
 * unless set; 1,000,000 measured for the docs) with some players hidden, departed, merged or at
 * zero, read through the public board's own statement. Plans are checked, times reported.
 */
const players = Number(process.env.BOARD_SCALE_PLAYERS ?? 100_000);

let database: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const started = performance.now();
  await client.query(
    `INSERT INTO players (display_name, xp, board_hidden, departure, departed_at)
     SELECT 'player ' || n, ((n::bigint * 7919) % 500000)::int,
            n % 10 = 0,
            CASE WHEN n % 97 = 0 THEN 'left'::"PlayerDeparture" WHEN n % 89 = 0 THEN 'banned'::"PlayerDeparture" END,
            CASE WHEN n % 97 = 0 OR n % 89 = 0 THEN now() END
       FROM generate_series(1, $1::int) AS n`,
    [players],
  );
  await client.query('ANALYZE players');
  console.info(`seeded ${players} players in ${Math.round(performance.now() - started)} ms`);
}, 600_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function explain(sql: string, params: unknown[]): Promise<{ plan: string; ms: number }> {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
  return { plan, ms };
}

describe(`the public board over ${players} players`, () => {
  it.each([
    ['the first page', 0, true, true],
    ['the deepest page', maxBoardDepth - 100, true, true],
    ['the first page with leavers and banned hidden', 0, false, false],
    ['the deepest page with leavers and banned hidden', maxBoardDepth - 100, false, false],
  ])('reads %s from the board index, without sorting', async (what, offset, left, banned) => {
    const { plan, ms } = await explain(boardPageSql, [left, banned, 101, offset]);
    expect(plan).toContain('players_board_order_idx');
    expect(plan).not.toMatch(/\bSort\b/);
    console.info(`${what} (offset ${offset}, 100 rows): ${ms} ms`);
    expect(ms).toBeLessThan(500);
  });

  it('serves /top from the same index (an incremental sort of the few tied on XP)', async () => {
    const { plan, ms } = await explain(
      `SELECT p.id, p.display_name, p.xp FROM players p
        WHERE p.merged_into_id IS NULL AND p.xp > 0 AND NOT p.board_hidden
          AND (p.departure IS NULL OR (p.departure = 'left' AND $2::boolean) OR (p.departure = 'banned' AND $3::boolean))
        ORDER BY p.xp DESC, p.created_at, p.id LIMIT $1`,
      [25, true, false],
    );
    expect(plan).toMatch(/Index Scan.*players_(board_order|xp)_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
    console.info(`/top (25 rows): ${ms} ms`);
    expect(ms).toBeLessThan(500);
  });
});
