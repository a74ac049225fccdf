import { spawn } from 'node:child_process';
import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntrypoint } from '../../test/support/built-entrypoint.ts';
import { doctorSettingsOfServingProcess } from '../doctor/doctor-settings.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../local-servers/embedded-postgres.ts';
import { type PrivateRedis, startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';

// A clean clone's settings: nothing but the data folder, no DATABASE_URL, no REDIS_URL, no token.
let dataDir: string;
let csv: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-commands-'));
  // As root the embedded PostgreSQL runs as `postgres`, which must enter the folder to keep it here.
  await chmod(dataDir, 0o755);
  csv = join(dataDir, 'players.csv');
  await writeFile(csv, 'discord_id,xp,coins\n123456789012345678,50,5\n');
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs `npm run <command> -- ...args` as a process of its own, with the clean clone's settings. */
async function runCommand(command: string, args: string[] = []) {
  const child = spawn(process.execPath, [builtEntrypoint(command), ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('operator commands on the embedded servers', () => {
  it('import-xp on a clean clone starts the embedded PostgreSQL and Redis, migrates, and stops them after', async () => {
    const run = await runCommand('import-xp', ['--from', 'csv', csv, '--dry-run']);
    expect(run.stdout, run.stderr).toContain('would import: 1');
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(run.code).toBe(0);
    // Stopped: no server is left on the folder for `npm start` to find.
    expect(await exists(join(dataDir, 'postgres', 'pgdata', 'postmaster.pid'))).toBe(false);
    expect(await exists(join(dataDir, 'redis', 'redis.pid'))).toBe(false);
  });

  it('the doctor checks servers it starts for the check when npm start is not running', async () => {
    const run = await runCommand('doctor');
    expect(run.stdout).toMatch(
      /✓ PostgreSQL reachable: connected to 127\.0\.0\.1:\d+\/tandem \(the embedded PostgreSQL, started for this check/,
    );
    expect(run.stdout).toContain('✓ PostgreSQL migrated: all');
    expect(run.stdout).toContain('✓ Redis keeps queued jobs: maxmemory-policy is noeviction');
    expect(run.stdout).toContain('Nothing blocks Tandem.');
    expect(run.code).toBe(0);
  });

  describe('while npm start runs them', () => {
    let postgres: EmbeddedPostgres;
    let redis: PrivateRedis;
    beforeAll(async () => {
      const logger = createLogger('silent');
      postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), logger });
      redis = await startPrivateRedis({ dataDir: join(dataDir, 'redis'), logger });
    });
    afterAll(async () => {
      await redis?.stop();
      await postgres?.stop();
    });

    it('the doctor, import-xp and export-xp use those servers and leave them running', async () => {
      const doctor = await runCommand('doctor');
      expect(doctor.stdout).toContain('(the embedded PostgreSQL npm start runs)');
      expect(doctor.stdout).toContain('(the private Redis npm start runs)');
      expect(doctor.code).toBe(0);

      const imported = await runCommand('import-xp', ['--from', 'csv', csv]);
      expect(imported.stdout, imported.stderr).toContain('imported: 1');
      expect(imported.code).toBe(0);
      const exported = await runCommand('export-xp', ['--format', 'csv']);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('123456789012345678');

      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const { rows } = await client.query<{ xp: number }>('SELECT xp FROM players');
      await client.end();
      expect(rows.map((row) => Number(row.xp))).toEqual([50]);
    });

    it('the panel’s process finds the database it runs itself', async () => {
      const settings = await doctorSettingsOfServingProcess(
        { DATA_DIR: dataDir, SANDBOX_PORT: 0 },
        redis.url,
      );
      expect(settings.DATABASE_URL).toBe(postgres.url);
      expect(settings.sources).toEqual({ postgres: 'running', redis: 'running' });
    });
  });
});
