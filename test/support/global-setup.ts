import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrations.ts';
import { startEmbeddedPostgres } from '../../src/local-servers/embedded-postgres.ts';
import { startPrivateRedis } from '../../src/local-servers/private-redis.ts';
import { createLogger } from '../../src/logging/logger.ts';

const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';
const defaultRedisUrl = 'redis://127.0.0.1:6379';

/**
 * Finds the PostgreSQL and Redis the tests use: TEST_DATABASE_URL / TEST_REDIS_URL, else the
 * machine's own on 127.0.0.1, else (nothing running there) an embedded PostgreSQL and a private
 * redis-server under .data/, so `npm test` works on a laptop with nothing installed but Node and
 * redis-server. Then builds one migrated template database per run; every test file copies it
 * (`CREATE DATABASE ... TEMPLATE`), which takes a fraction of a second and isolates the files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const logger = createLogger('warn', 'test-services');
  const dataDir = resolve('.data');

  let adminUrl = process.env.TEST_DATABASE_URL ?? defaultDatabaseUrl;
  if (!process.env.TEST_DATABASE_URL && !(await postgresReachable(adminUrl))) {
    const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'test-postgres'), logger });
    stops.push(() => embedded.stop());
    adminUrl = embedded.url;
  }
  let redisUrl = process.env.TEST_REDIS_URL ?? defaultRedisUrl;
  if (!process.env.TEST_REDIS_URL && !(await redisReachable(redisUrl))) {
    const redis = await startPrivateRedis({ dataDir: join(dataDir, 'test-redis'), logger });
    stops.push(() => redis.stop());
    redisUrl = redis.url;
  }
  // Test workers are forked after this runs and inherit these.
  process.env.TEST_DATABASE_URL = adminUrl;
  process.env.TEST_REDIS_URL = redisUrl;

  const name = `tandem_template_${process.pid}`;
  project.provide('templateDatabase', name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await applyMigrations(withDatabase(adminUrl, name));
  await dropLeftovers(admin);
  await admin.end();
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
    for (const stop of stops.reverse()) await stop();
  };
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function redisReachable(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
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
