import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdServer, isAlive, killServer, readPid } from '../../test/support/local-servers.ts';
import { createLogger } from '../logging/logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

const logger = createLogger('silent');

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): Promise<number> {
  return readPid(join(dataDir, 'pgdata', 'postmaster.pid'));
}

describe('startEmbeddedPostgres', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-pg-'));
  });

  afterAll(async () => {
    // Never leave a server behind, whatever failed above.
    await killServer(join(dataDir, 'pgdata', 'postmaster.pid'), 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises once, keeps its data and its URL across restarts', { timeout: 20_000 }, async () => {
    let t = performance.now();
    const first = await startEmbeddedPostgres({ dataDir, logger });
    const firstMs = performance.now() - t;
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/tandem$/);
    expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across restarts')");
    await first.stop();
    await first.stop(); // idempotent
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();

    t = performance.now();
    const second = await startEmbeddedPostgres({ dataDir, logger });
    const restartMs = performance.now() - t;
    try {
      expect(second.url).toBe(first.url); // same port, user, password
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'across restarts' }]);
    } finally {
      await second.stop();
    }
    console.info(
      `embedded PostgreSQL: first start ${Math.round(firstMs)} ms, restart ${Math.round(restartMs)} ms`,
    );
  });

  it('creates the requested database', { timeout: 20_000 }, async () => {
    const pgsql = await startEmbeddedPostgres({ dataDir, logger, database: 'other_db' });
    try {
      expect(pgsql.url).toMatch(/\/other_db$/);
      expect(await query(pgsql.url, 'SELECT current_database() AS db')).toEqual([{ db: 'other_db' }]);
    } finally {
      await pgsql.stop();
    }
  });

  it('stops a server left running by a SIGKILLed parent, then starts', { timeout: 20_000 }, async () => {
    const { url, crash } = await holdServer('postgres', dataDir);
    const leftover = await postmasterPid(dataDir);
    await crash();
    expect(isAlive(leftover)).toBe(true); // the orphan is still running
    expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

    const t = performance.now();
    const pgsql = await startEmbeddedPostgres({ dataDir, logger });
    const ms = performance.now() - t;
    try {
      expect(isAlive(leftover)).toBe(false);
      expect(await postmasterPid(dataDir)).not.toBe(leftover);
      expect(pgsql.url).toBe(url);
      expect(await query(pgsql.url, 'SELECT v FROM kept')).toEqual([{ v: 'across restarts' }]);
    } finally {
      await pgsql.stop();
    }
    console.info(`embedded PostgreSQL: start over a leftover server ${Math.round(ms)} ms`);
  });

  it('refuses to take over a server whose process is still running', { timeout: 20_000 }, async () => {
    const running = await startEmbeddedPostgres({ dataDir, logger });
    try {
      await expect(startEmbeddedPostgres({ dataDir, logger })).rejects.toThrow(
        /already run by another process/,
      );
      expect(await query(running.url, 'SELECT v FROM kept')).toEqual([{ v: 'across restarts' }]);
    } finally {
      await running.stop();
    }
  });

  it('ignores a stale postmaster.pid whose pid now belongs to another process', {
    timeout: 20_000,
  }, async () => {
    // Our own pid: alive, but not a postgres on this folder (PostgreSQL alone would refuse to start).
    await writeFile(
      join(dataDir, 'pgdata', 'postmaster.pid'),
      `${process.pid}\n${join(dataDir, 'pgdata')}\n`,
    );
    const pgsql = await startEmbeddedPostgres({ dataDir, logger });
    try {
      expect(await query(pgsql.url, 'SELECT v FROM kept')).toEqual([{ v: 'across restarts' }]);
    } finally {
      await pgsql.stop();
    }
  });
});
