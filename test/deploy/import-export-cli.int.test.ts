import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import { testRedisUrl } from '../support/env.ts';

// `npm run import-xp` and `npm run export-xp` as the processes an operator runs, on a fresh database.
const run = promisify(execFile);
let database: TestDatabase;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'tandem-import-'));
  env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    LOG_LEVEL: 'error',
  };
});
afterAll(async () => {
  await database?.drop();
});

async function cli(name: 'import-xp' | 'export-xp', args: string[]) {
  return run(process.execPath, ['--import', 'tsx', `src/entrypoints/${name}.ts`, ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

describe('the import-xp and export-xp commands', () => {
  it('import a CSV once, say so again on a re-run, refuse a bad file with exit 1, and export it', async () => {
    const good = join(dir, 'good.csv');
    await writeFile(good, 'discord_id,username,xp,coins\n123,ann,500,7\n');
    const dry = await cli('import-xp', ['--from', 'csv', good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('XP 0 → 500, coins 0 → 7');
    expect(dry.stdout).toContain('dry run: nothing was written');

    const first = await cli('import-xp', ['--from', 'csv', good]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported: 1\nalready imported: 0\nrefused: 0');
    const again = await cli('import-xp', ['--from', 'csv', good]);
    expect(again.stdout).toContain('imported: 0\nalready imported: 1\nrefused: 0');

    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'discord_id,xp\n1,5\n2,-3\n');
    const refused = await cli('import-xp', ['--from', 'csv', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('refused file: line 3: xp: cannot be negative');

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT xp, balance FROM players');
    await client.end();
    expect(rows).toEqual([{ xp: 500, balance: 7 }]);

    const out = join(dir, 'export.json');
    expect((await cli('export-xp', ['--format', 'tandem', out])).code).toBe(0);
    const exported = JSON.parse(await readFile(out, 'utf8'));
    expect(exported).toMatchObject({
      format: 'tandem-xp',
      version: 1,
      players: [{ discordId: '123', xp: 500, coins: 7 }],
    });
  });
});
