import { DiscordControlClient, DiscordEmulator } from '@tandem/emulators/discord';
import { type DemoWorld, seedDemoWorld } from '@tandem/emulators/sandbox';
import { TelegramEmulator } from '@tandem/emulators/telegram';
import { pino } from 'pino';
import { seedEconomyDefaults } from '../../src/catalog/seed.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemoContent } from '../../src/content/demo-content.ts';
import { createPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { type RunningBots, startBots } from '../../src/runtime/bot-runtime.ts';
import type { PlatformEndpoints } from '../../src/runtime/platform-endpoints.ts';
import type { Services } from '../../src/runtime/services.ts';
import { openConfiguredServices, startWorkerRole } from '../../src/runtime/sync-runtime.ts';
import { seedSandboxCommunity } from '../../src/sandbox/seed-sandbox-community.ts';
import { deletePrefix, uniquePrefix, waitForRedis } from '../shared/infra.ts';
import type { LogTally } from '../shared/services.ts';
import { DiscordActivity } from './rank-latency-events.ts';

/** Tandem's settings for the phase: every default (as `npm start` with nothing set), the bench's prefix. */
export function sandboxConfig(prefix: string) {
  return loadConfig({ QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' });
}

/**
 * The sandbox as `npm start` builds it with no bot token (src/entrypoints/start.ts), on the bench's
 * PostgreSQL and Redis: both emulators with their default latency (none) and rate limits, the demo
 * world, the platform ports, the services, workers and schedulers of `startWorkerRole` with the
 * default settings, and the real telegraf and discord.js bots of `startBots`.
 */
export interface SandboxWorld {
  prefix: string;
  config: ReturnType<typeof sandboxConfig>;
  services: Services;
  demo: DemoWorld;
  telegram: TelegramEmulator;
  discord: { emulator: DiscordEmulator; control: DiscordControlClient; activity: DiscordActivity };
  bots: RunningBots;
  /** Warnings and errors Tandem logged meanwhile. */
  logs: LogTally;
  /** Waits until no sync event is open and the platform and notification queues are idle. */
  settle(timeoutMs: number): Promise<void>;
  /** Stops everything it started, in the reverse order; removes the queues and their keys. */
  stop(): Promise<void>;
}

function countingLogger(tally: LogTally) {
  return pino(
    { level: process.env.BENCH_LOG_LEVEL ?? 'warn', base: null },
    {
      write(line: string) {
        tally.count++;
        if (tally.first.length < 5) tally.first.push(line.trim().slice(0, 300));
        if (process.env.BENCH_LOG_LEVEL) process.stderr.write(line);
      },
    },
  );
}

export async function openSandboxWorld(options: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<SandboxWorld> {
  // Undone in the reverse order, also when a later step fails.
  const stops: Array<[string, () => Promise<unknown>]> = [];
  const stopAll = async () => {
    const failures: string[] = [];
    for (const [what, stop] of stops.splice(0).reverse()) {
      await stop().catch((error: Error) => failures.push(`${what}: ${error.message}`));
    }
    if (failures.length > 0) process.stderr.write(`rank latency: stopping ${failures.join('; ')}\n`);
  };
  try {
    const telegram = new TelegramEmulator();
    await telegram.start();
    stops.push(['telegram emulator', () => telegram.stop()]);
    // Default options (no added latency, Discord's rate limits) but a short heartbeat, as the tests.
    const discordEmulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const urls = await discordEmulator.start();
    stops.push(['discord emulator', () => discordEmulator.stop()]);
    const control = new DiscordControlClient(urls.controlUrl);
    const activity = await DiscordActivity.open(urls.controlUrl);
    stops.push(['discord activity stream', () => activity.close()]);
    const demo = await seedDemoWorld(telegram.url, urls.controlUrl);
    const platforms: PlatformEndpoints = {
      telegram: { token: demo.telegram.bot.token, apiRoot: telegram.url },
      discord: { token: demo.discord.bot.token, apiRoot: urls.apiUrl, guildId: demo.discord.guildId },
    };
    const ports = createPlatformPorts(platforms);
    stops.push(['platform clients', () => ports.close()]);

    const prefix = uniquePrefix('rank');
    stops.push(['queue keys', () => deletePrefix(options.redisUrl, prefix)]);
    const config = sandboxConfig(prefix);
    const logs: LogTally = { count: 0, first: [] };
    const services = openConfiguredServices(
      config,
      { databaseUrl: options.databaseUrl, redisUrl: options.redisUrl },
      countingLogger(logs),
      ports,
    );
    stops.push(['connections', () => services.close()]);
    stops.push([
      'queues',
      async () => {
        for (const queue of services.queues.all()) await queue.obliterate({ force: true }).catch(() => {});
      },
    ]);
    await Promise.all([waitForRedis(services.redis), waitForRedis(services.workerRedis)]);

    await seedEconomyDefaults(services.db.prisma);
    await seedDemoContent(services.db.prisma);
    await seedSandboxCommunity(services, demo);
    const workers = await startWorkerRole(config, services);
    stops.push(['workers', () => workers.close()]);
    const bots = await startBots(services, platforms, {
      roleDriftPolicy: config.ROLE_DRIFT_POLICY,
      voiceTickMs: config.VOICE_TICK_MS,
    });
    stops.push(['bots', () => bots.stop()]);

    const world: SandboxWorld = {
      prefix,
      config,
      services,
      demo,
      telegram,
      discord: { emulator: discordEmulator, control, activity },
      bots,
      logs,
      async settle(timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        const { platform, notifications, economy } = services.queues;
        for (;;) {
          const { rows } = await services.db.pool.query<{ open: number }>(
            `SELECT count(*)::int AS open FROM sync_events WHERE status IN ('pending', 'processing')`,
          );
          let busy = rows[0]!.open;
          if (busy === 0) {
            for (const queue of [economy, platform, notifications]) {
              const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
              busy += Object.values(counts).reduce((sum, count) => sum + count, 0);
            }
          }
          if (busy === 0) return;
          if (Date.now() > deadline) throw new Error(`sync events or jobs still open after ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stop: stopAll,
    };
    await world.settle(30_000);
    return world;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
