import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaSql } from '../../scripts/schema-sql.mjs';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { testAdminDatabaseUrl } from '../../test/support/env.ts';
import { withDatabase } from '../../test/support/global-setup.ts';
import { applyMigrations, migrationsDir, readMigrations } from './migrations.ts';

const catalogQueries = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
             ORDER BY table_name, column_name`,
  // Partial indexes are written by hand in the migrations too (schema.prisma cannot express them);
  // the last test checks they are there.
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %'
             ORDER BY tablename, indexname`,
  // CHECK constraints are written by hand in the migrations (schema.prisma cannot express them).
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'c'
                   AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1`,
};

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(catalogQueries)) result[name] = (await client.query(sql)).rows;
    return result;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let migrated: TestDatabase;
  let fromSchema: TestDatabase;
  let empty: TestDatabase;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    fromSchema = await freshEmptyDatabase('schema');
    empty = await freshEmptyDatabase('empty');
  });
  afterAll(async () => {
    await Promise.all([migrated?.drop(), fromSchema?.drop(), empty?.drop()]);
  });

  it('builds the same database as schema.prisma describes (no drift)', async () => {
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(schemaSql(undefined, testAdminDatabaseUrl));
    await client.end();
    const [actual, expected] = await Promise.all([catalog(migrated.url), catalog(fromSchema.url)]);
    expect(actual).toEqual(expected);
  });

  it('records each migration as Prisma Migrate does, and applies nothing twice', async () => {
    const first = await applyMigrations(empty.url);
    const files = await readMigrations();
    expect(first).toEqual(files.map((f) => f.name));
    expect(await applyMigrations(empty.url)).toEqual([]);

    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY 1',
    );
    await client.end();
    for (const [i, file] of files.entries()) {
      const sql = await readFile(join(migrationsDir, file.name, 'migration.sql'));
      expect(rows[i]).toMatchObject({
        migration_name: file.name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        applied_steps_count: 1,
      });
      expect(rows[i].finished_at).toBeInstanceOf(Date);
    }
  });

  it('enforces the invariants schema.prisma cannot express', async () => {
    const client = new pg.Client({ connectionString: migrated.url });
    await client.connect();
    try {
      const player = await client.query(`INSERT INTO players (display_name) VALUES ('Ann') RETURNING id`);
      const id = player.rows[0].id;
      await expect(client.query('UPDATE players SET balance = -1 WHERE id = $1', [id])).rejects.toThrow(
        /players_balance_non_negative/,
      );
      await client.query(
        `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason)
         VALUES ('admin-xp-1-a', $1, 'xp_change', 'admin', 5, 0, 5, 0, 'grant')`,
        [id],
      );
      await expect(client.query('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/);
      await expect(client.query('UPDATE ledger_entries SET xp_delta = 6')).rejects.toThrow(/append-only/);
      await expect(
        client.query(
          `INSERT INTO sync_events (idempotency_key, source, type, player_id) VALUES ('12345', 'admin', 'xp_change', $1)`,
          [id],
        ),
      ).rejects.toThrow(/sync_events_key_format/);
      // The partial indexes the big lists page and filter by, which keep the message and voice rows
      // (most of the ledger) out of them; and the one open incident per alert condition.
      const partial = await client.query(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %' ORDER BY 1`,
      );
      expect(partial.rows.map((r) => r.indexname)).toEqual([
        'alert_incidents_open_key',
        'ledger_entries_debit_idx',
        'ledger_entries_purchase_idx',
        'ledger_entries_rare_reason_idx',
        'ledger_entries_transfer_idx',
        'sync_events_failed_idx',
        'sync_events_with_error_idx',
      ]);
    } finally {
      await client.end();
    }
  });
});

async function freshEmptyDatabase(label: string): Promise<TestDatabase> {
  const name = `tandem_t_${label}_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: withDatabase(testAdminDatabaseUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: testAdminDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
