import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntrypoint } from '../support/built-entrypoint.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testRedisUrl } from '../support/env.ts';

// What `npm run <name>` runs is the JavaScript built from src/entrypoints: each source entrypoint
// has its build, the build needs nothing but node_modules and the files it reads from the checkout,
// and it runs against the real PostgreSQL and Redis. (`npm start`'s build is run by the sandbox and
// stop-signal tests.)
const checkout = resolve(import.meta.dirname, '..', '..');
const names = readdirSync(join(checkout, 'src', 'entrypoints'))
  .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
  .map((file) => file.replace(/\.ts$/, ''));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

function read(name: string): string {
  return readFileSync(join(checkout, builtEntrypoint(name)), 'utf8');
}

function run(name: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [builtEntrypoint(name)], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise<{ code: number | null; output: string }>((done) =>
    child.once('exit', (code) => done({ code, output })),
  );
}

describe('the built entrypoints', () => {
  it('exist for every entrypoint in src/entrypoints', () => {
    expect(names).toEqual(expect.arrayContaining(['start', 'api', 'worker', 'telegram', 'discord']));
    for (const name of names) expect(existsSync(join(checkout, builtEntrypoint(name))), name).toBe(true);
  });

  it('import only packages and Node built-ins: no TypeScript source, transpiler or workspace source', () => {
    for (const name of names) {
      const specifiers = [
        ...read(name).matchAll(/^import\s[^'"]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm),
      ].map((match) => match[1] ?? match[2] ?? '');
      expect(specifiers.length, name).toBeGreaterThan(0);
      for (const specifier of specifiers) {
        expect(specifier, name).not.toMatch(/^\.|\.ts$|^tsx\b|^@tandem\//);
      }
    }
  });

  it('find every file their modules read from the checkout', () => {
    for (const name of names) {
      const bundle = join(checkout, builtEntrypoint(name));
      for (const [, relative] of read(name).matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
        expect(existsSync(resolve(dirname(bundle), relative!)), `${name}: ${relative}`).toBe(true);
      }
    }
    // The pages and migrations those modules serve and apply, where the built code looks for them.
    for (const file of [
      'src/mini-app/page/index.html',
      'packages/emulators/src/sandbox/index.html',
      'admin/dist/index.html',
      'src/generated/prisma/client.ts',
    ]) {
      expect(existsSync(join(checkout, file)), file).toBe(true);
    }
    expect(readdirSync(join(checkout, 'prisma', 'migrations')).length).toBeGreaterThan(0);
  });

  it('migrate applies the migrations from prisma/migrations to a database', async () => {
    const { code, output } = await run('migrate', { DATABASE_URL: database.url });
    expect(output).toMatch(/database already up to date|migrations applied/);
    expect(code).toBe(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const ranks = await client.query('SELECT count(*)::int AS n FROM ranks');
      expect(ranks.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('doctor checks the configured PostgreSQL and Redis', async () => {
    const { output } = await run('doctor', { DATABASE_URL: database.url, REDIS_URL: testRedisUrl });
    expect(output).toContain('✓ PostgreSQL reachable');
    expect(output).toContain('✓ PostgreSQL migrated: all');
    expect(output).toContain('✓ Redis reachable');
  });
});
