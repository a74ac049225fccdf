import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../../test/support/admin-api-world.ts';
import type { CheckResult } from '../../doctor/check-result.ts';
import { type Sandbox, startSandbox } from '../../sandbox/start-sandbox.ts';

let world: AdminApiWorld;
let sandbox: Sandbox;
let dataDir: string;
let admin: string;
let operator: string;

/** The settings this process answers with; the route reads them as `npm start` started with them. */
const settingNames = [
  'DATABASE_URL',
  'REDIS_URL',
  'DATA_DIR',
  'SANDBOX_PORT',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
];

beforeAll(async () => {
  world = await openAdminApiWorld();
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-setup-check-'));
  // As `npm start` runs the sandbox: its world kept under DATA_DIR, its page on SANDBOX_PORT.
  sandbox = await startSandbox({ sandboxPort: 0, dataDir });
  await world.createAdmin('owner');
  await world.createAdmin('helper', 'operator');
  admin = await world.signIn('owner');
  operator = await world.signIn('helper');
});

afterAll(async () => {
  await world?.stop();
  await sandbox?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const name of settingNames) delete process.env[name];
  process.env.DATABASE_URL = world.tandem.database.url;
  process.env.REDIS_URL = world.tandem.redisUrl;
  process.env.DATA_DIR = dataDir;
  process.env.SANDBOX_PORT = new URL(sandbox.emulators.sandboxUrl).port;
});

const named = (results: CheckResult[], name: string) => results.find((result) => result.name === name);

describe('GET /api/setup-check', () => {
  it('checks the database, Redis and, with no bot token, the sandbox’s emulators as the real platforms', async () => {
    const response = await world.call('/api/setup-check', { cookie: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = await json(response);
    // The shared test Redis keeps no append-only file: a warning, not a failure.
    const failures = report.results.filter((result: CheckResult) => !result.ok && result.blocking);
    expect(failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(Date.parse(report.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(report.results.map((result: CheckResult) => result.name)).toEqual(
      expect.arrayContaining([
        'PostgreSQL reachable',
        'PostgreSQL migrated',
        'Redis reachable',
        'Redis keeps queued jobs',
        'Sandbox',
        'Telegram token',
        'Telegram updates',
        'Discord token',
        'Discord server',
        'Discord Manage Roles',
        'Discord Send Messages',
      ]),
    );
    expect(named(report.results, 'Sandbox')?.detail).toContain('checked here as the real platforms');
    expect(named(report.results, 'Telegram token')?.detail).toBe(
      `valid: @${sandbox.emulators.demo.telegram.bot.username}`,
    );
  });

  it('names a wrong configured token with its fix and answers ok: false', async () => {
    process.env.TELEGRAM_BOT_TOKEN = '123456:not-the-token';
    process.env.TELEGRAM_API_ROOT = sandbox.platforms.telegram.apiRoot;
    const report = await json(await world.call('/api/setup-check', { cookie: admin }));
    expect(report.ok).toBe(false);
    expect(named(report.results, 'Telegram token')).toMatchObject({
      ok: false,
      blocking: true,
      detail: 'the Telegram token is wrong (the Bot API answered 401 Unauthorized)',
      fix: expect.stringContaining('@BotFather'),
    });
    // A token is set: the sandbox no longer stands in for the platforms.
    expect(named(report.results, 'Sandbox')).toBeUndefined();
  });

  it('reports a Redis the API is not connected to as it is: the one it uses', async () => {
    // The URL in the settings is not the one asked: the API's own connection is.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    const report = await json(await world.call('/api/setup-check', { cookie: admin }));
    expect(named(report.results, 'Redis reachable')?.ok).toBe(true);
  });

  it('is open to operators too, and to nobody signed out', async () => {
    expect((await world.call('/api/setup-check', { cookie: operator })).status).toBe(200);
    expect((await world.call('/api/setup-check')).status).toBe(401);
  });
});
