import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { containsPattern, hasTrigram, namesSql, shortNamesSql } from './player-records.ts';

/**
 * The name search reads the trigram index of player_names, never a scan of every name, and the
 * XP hot path writes nothing there. 30,000 players with a username each: at 10,000 the whole table
 * is a hundred-odd pages and the planner rightly reads it instead; from some 20,000 on it takes the
 * index, as it does at a million.
 */
const players = 30_000;

let database: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO players (display_name, xp) SELECT 'player-' || n || ' ' || md5(n::text), n FROM generate_series(1, $1::int) n`,
    [players],
  );
  await client.query(
    `INSERT INTO identities (player_id, platform, platform_user_id, username)
     SELECT id, 'telegram', (100000 + row_number() OVER (ORDER BY id))::text, 'tg_' || md5(id::text) FROM players`,
  );
  await client.query('ANALYZE players; ANALYZE identities; ANALYZE player_names');
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function plan(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe(`the player name search over ${players} players`, () => {
  it('looks a part of a name up in the trigram index', async () => {
    const byName = await plan(namesSql, [containsPattern('player-4242')]);
    expect(byName).toMatch(/Bitmap Index Scan on player_names_name_trgm_idx/);
    expect(byName).not.toMatch(/Seq Scan/);
    const { rows } = await client.query<{ id: string }>(namesSql, [containsPattern('player-4242')]);
    expect(rows).toHaveLength(1);

    const byUsername = await plan(namesSql, [containsPattern('tg_4a7')]);
    expect(byUsername).toMatch(/player_names_name_trgm_idx/);
    expect(byUsername).not.toMatch(/Seq Scan/);
  });

  it('scans the names for a part too short for a trigram, and finds it', async () => {
    expect([hasTrigram('tg_4a7'), hasTrigram('ад'), hasTrigram('#d'), hasTrigram('a-b-c')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    const short = await plan(shortNamesSql, [containsPattern('#d')]);
    expect(short).toMatch(/Seq Scan on player_names/);
    expect(short).not.toMatch(/player_names_name_trgm_idx/);
    await client.query(`UPDATE players SET display_name = 'Ann #D' WHERE xp = 7`);
    const { rows } = await client.query<{ id: string }>(shortNamesSql, [containsPattern('#d')]);
    expect(rows).toHaveLength(1);
  });

  it('fires the name triggers on a rename, and none on an XP update', async () => {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM players WHERE xp = 42`);
    const id = rows[0]!.id;
    // EXPLAIN ANALYZE lists each trigger that ran, with its calls.
    const xpUpdate = await plan('UPDATE players SET xp = xp + 1, updated_at = now() WHERE id = $1', [id]);
    expect(xpUpdate).not.toMatch(/Trigger/);
    const sameName = await plan('UPDATE players SET display_name = display_name WHERE id = $1', [id]);
    expect(sameName).not.toMatch(/Trigger/);
    const rename = await plan(`UPDATE players SET display_name = 'Renamed' WHERE id = $1`, [id]);
    expect(rename).toMatch(/Trigger players_name_search_rename: .*calls=1/);
  });
});
