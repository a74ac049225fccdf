import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrations.ts';
import { testAdminDatabaseUrl } from './env.ts';

/**
 * Builds one migrated template database per run; every test file then copies it
 * (`CREATE DATABASE ... TEMPLATE`), which takes a fraction of a second and isolates the files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `tandem_template_${process.pid}`;
  project.provide('templateDatabase', name);
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await applyMigrations(withDatabase(testAdminDatabaseUrl, name));
  await dropLeftovers(admin);
  await admin.end();
  return async () => {
    const client = new pg.Client({ connectionString: testAdminDatabaseUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

/** Test databases of runs that were killed before their teardown. */
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'tandem_t_%'
       AND (pg_stat_file('base/' || oid || '/PG_VERSION', true)).modification < now() - interval '2 hours'`,
  );
  for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
