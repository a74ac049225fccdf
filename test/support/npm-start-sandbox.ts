import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordControlClient } from '@tandem/emulators/discord';
import { TelegramControlClient } from '@tandem/emulators/telegram';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { createLogger } from '../../src/logging/logger.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { type SandboxProcess, startSandboxProcess } from '../faults/support/sandbox-process.ts';
import { launchChromium } from './chromium.ts';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from './database.ts';
import { testRedisUrl } from './env.ts';
import { freePort } from './telegram-bot-under-test.ts';

/**
 * Tandem as a person first meets it: `npm start` with nothing configured, which runs the whole
 * system in sandbox mode (its own emulators, bots, workers, admin panel and sandbox page) as a
 * process of its own. The tests built on it check what that first start sets up, so nothing is
 * seeded here: the process gets a fresh database, data folder and queue prefix, and the test gets
 * the handles it needs to watch and act on it from outside.
 */
export interface NpmStartSandbox {
  /** The `npm start` process; its output has the addresses it printed at start (the admin panel's among them). */
  tandem: SandboxProcess;
  /** The sandbox page, `http://127.0.0.1:<port>/`. */
  sandboxUrl: string;
  /** The control side of the process's own emulators, read from the sandbox page's config.json. */
  discord: DiscordControlClient;
  telegram: TelegramControlClient;
  /** A small pool on the process's database, to read what it recorded (and arrange a row or two). */
  pool: pg.Pool;
  /**
   * Tandem's services on the same database and queues, for what an admin or a bot does through the
   * engine: the running process's workers pick up what they queue.
   */
  services: Services;
  /** Headless Chromium, for the sandbox page and the pages it opens. */
  browser: Browser;
  /** Stops the process and Chromium, closes the connections, drops the database and the data folder. */
  close(): Promise<void>;
}

/**
 * Starts {@link NpmStartSandbox}. `label` names the temporary data folder, so a leftover one tells
 * which test left it. Takes tens of seconds (the process starts everything it runs): give the hook
 * a timeout to match. If a step fails, what was started is closed again before the error is thrown.
 */
export async function openNpmStartSandbox(label: string): Promise<NpmStartSandbox> {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let pool: pg.Pool | undefined;
  let tandem: SandboxProcess | undefined;
  let services: Services | undefined;
  let browser: Browser | undefined;
  // Chromium and the process first, so nothing they still use closes under them; the data last.
  const close = async () => {
    await browser?.close();
    await tandem?.stop();
    await services?.close();
    await pool?.end();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), `tandem-${label}-`));
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // pool.end() resolves before its idle clients' connections are closed, and the forced drop of
    // the database right after can terminate one: unheard, that error would fail the run after
    // every test passed. A query's own error still reaches the query.
    pool.on('error', () => {});
    const sandboxPort = await freePort();
    const queuePrefix = uniqueQueuePrefix();
    tandem = await startSandboxProcess({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: dataDir,
      PORT: '0',
      HEALTH_PORT: '0',
      SANDBOX_PORT: String(sandboxPort),
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'a-long-enough-password',
    });
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}/`;
    const config = (await (await fetch(`${sandboxUrl}config.json`)).json()) as {
      telegramControlUrl: string;
      discordControlUrl: string;
    };
    services = openServices({
      databaseUrl: database.url,
      databasePoolSize: 2,
      redisUrl: testRedisUrl,
      queuePrefix,
      syncAttempts: 3,
      syncBackoffMs: 50,
      logger: createLogger('silent'),
    });
    browser = await launchChromium();
    return {
      tandem,
      sandboxUrl,
      discord: new DiscordControlClient(config.discordControlUrl),
      telegram: new TelegramControlClient(config.telegramControlUrl.replace(/\/control$/, '')),
      pool,
      services,
      browser,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
