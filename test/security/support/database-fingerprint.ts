import type pg from 'pg';

/**
 * A digest of every row of every table of the test database: equal before and after a request
 * means the request wrote nothing (no insert, update or delete anywhere).
 */
export async function databaseFingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await pool.query<{ md5: string; n: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5, count(*)::int AS n FROM ${name} t`,
    );
    digest[name] = `${rows[0]!.n}:${rows[0]!.md5}`;
  }
  return digest;
}
