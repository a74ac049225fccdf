import { DiscordEmulator } from '@tandem/emulators/discord';
import { seedDemoWorld } from '@tandem/emulators/sandbox';
import { TelegramEmulator } from '@tandem/emulators/telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import {
  type EntrypointName,
  type EntrypointProcess,
  startEntrypoint,
} from '../support/entrypoint-process.ts';
import { testRedisUrl } from '../support/env.ts';

// The processes docker-compose.yml runs, each as a real process on a fresh database, with the bots
// on the emulators: each starts, says it is ready, and leaves cleanly on SIGTERM.
let database: TestDatabase;
let telegram: TelegramEmulator;
let discord: DiscordEmulator;
let settings: Record<string, string>;
const processes: EntrypointProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = new TelegramEmulator();
  const { url: telegramUrl } = await telegram.start();
  discord = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const discordUrls = await discord.start();
  const demo = await seedDemoWorld(telegramUrl, discordUrls.controlUrl);
  settings = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    TELEGRAM_BOT_TOKEN: demo.telegram.bot.token,
    TELEGRAM_API_ROOT: telegramUrl,
    DISCORD_BOT_TOKEN: demo.discord.bot.token,
    DISCORD_GUILD_ID: demo.discord.guildId,
    DISCORD_API_ROOT: discordUrls.apiUrl,
  };
});

afterAll(async () => {
  for (const proc of processes) proc.child.kill('SIGKILL');
  await discord?.stop();
  await telegram?.stop();
  await database?.drop();
});

/** Starts the entrypoints side by side, checks their probes, stops them with SIGTERM. */
async function startCheckAndStop(expected: Partial<Record<EntrypointName, Record<string, unknown>>>) {
  const names = Object.keys(expected) as EntrypointName[];
  const started = await Promise.all(
    names.map(async (name) => {
      const proc = await startEntrypoint(name, settings, 25_000);
      processes.push(proc);
      return proc;
    }),
  );
  for (const proc of started) {
    expect(await proc.ready(), proc.name).toMatchObject(expected[proc.name]!);
    expect((await fetch(`${proc.probeUrl}/healthz`)).status).toBe(200);
    // Each process serves its own registry next to its probes, its role named in its readiness.
    const metrics = await fetch(`${proc.probeUrl}/metrics`);
    expect(metrics.status, proc.name).toBe(200);
    expect(await metrics.text(), proc.name).toMatch(
      new RegExp(`^tandem_process_ready\\{process="${proc.name}"\\} 1$`, 'm'),
    );
  }
  const exits = await Promise.all(started.map((proc) => proc.stop()));
  for (const [index, exit] of exits.entries()) {
    const proc = started[index]!;
    expect(exit, `${proc.name}:\n${proc.output()}`).toMatchObject({ code: 0, signal: null });
    expect(proc.output()).toMatch(/"msg":"stopped"/);
    expect(proc.output()).not.toMatch(/shutdown step failed/);
  }
  console.log(`stopped on SIGTERM: ${started.map((p, i) => `${p.name} in ${exits[i]!.ms} ms`).join(', ')}`);
}

const dependencies = { postgres: true, redis: true };

describe('the entrypoints as processes of their own', () => {
  it('worker and telegram start, answer their readiness probe, and stop cleanly on SIGTERM', async () => {
    await startCheckAndStop({
      worker: { ready: true, checks: { ...dependencies, workers: true } },
      telegram: { ready: true, checks: { ...dependencies, telegram: true } },
    });
  }, 30_000);

  it('so do discord and api', async () => {
    await startCheckAndStop({
      discord: { ready: true, checks: { ...dependencies, discord: true } },
      api: dependencies,
    });
  }, 30_000);

  it('refuse to start without the settings their role needs, saying which', async () => {
    const { TELEGRAM_BOT_TOKEN: _, ...withoutToken } = settings;
    await expect(startEntrypoint('telegram', withoutToken, 15_000)).rejects.toThrow(
      /exited early \(2\)[\s\S]*needs DATABASE_URL, REDIS_URL and TELEGRAM_BOT_TOKEN/,
    );
  }, 20_000);
});
