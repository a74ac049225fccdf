import { Writable } from 'node:stream';
import {
  buildScenario,
  type ControlInteraction,
  DiscordControlClient,
  DiscordEmulator,
  type DiscordEmulatorUrls,
  type Scenario,
} from '@tandem/emulators/discord';
import { pino } from 'pino';
import { createContentCache } from '../../src/content/content-cache.ts';
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../src/discord/discord-bot.ts';
import type { DiscordDeps } from '../../src/discord/discord-deps.ts';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { openTestTandem, type TestTandem } from './services.ts';
import { waitFor } from './wait-for.ts';

/** Tandem's Discord bot (real discord.js) against the emulator, on a fresh database and queue prefix. */
export interface DiscordBotHarness {
  tandem: TestTandem;
  deps: DiscordDeps;
  emulator: DiscordEmulator;
  urls: DiscordEmulatorUrls;
  control: DiscordControlClient;
  world: Scenario;
  bot: DiscordBot;
  /** Every line the bot logged (debug and up), parsed: tests wait on handler outcomes with it. */
  logs: Array<Record<string, unknown>>;
  /** Runs a slash command as `userId` in #general and returns the interaction once answered. */
  runCommand(userId: string, name: string, options?: Record<string, unknown>): Promise<ControlInteraction>;
  /** The player behind a Discord user, or null before their first contact. */
  playerOf(discordUserId: string): Promise<string | null>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Give the sync workers Tandem's DiscordPort on the emulator's REST API. @defaultValue false */
  discordPort?: boolean;
  bot?: Partial<DiscordBotOptions>;
  /** Register the slash commands in the guild (else globally). @defaultValue true */
  guildCommands?: boolean;
  /** The Redis Tandem uses (one the test can stop); the shared test Redis by default. */
  redisUrl?: string;
  /** How the Tandem under the bot is opened, e.g. on a database of a server the test can stop. */
  tandem?: Parameters<typeof openTestTandem>[0];
}

export async function startDiscordBotHarness(options: HarnessOptions = {}): Promise<DiscordBotHarness> {
  // A short heartbeat: a resume after a dropped connection then takes a fraction of a second.
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  const ports: OpenPlatformPorts | null = options.discordPort
    ? createPlatformPorts({
        telegram: null,
        discord: { token: world.bot.token, apiRoot: urls.apiUrl, guildId: world.guildId },
      })
    : null;
  const tandem = await openTestTandem({
    ports: ports ?? undefined,
    redisUrl: options.redisUrl,
    ...options.tandem,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const deps: DiscordDeps = {
    ...tandem,
    logger,
    content: createContentCache(tandem.db),
  };
  const bot = createDiscordBot(deps, {
    token: world.bot.token,
    apiRoot: urls.apiUrl,
    guildId: options.guildCommands === false ? undefined : world.guildId,
    roleDriftPolicy: 'restore',
    redisUrl: tandem.redisUrl,
    prefix: tandem.prefix,
    // Tests credit voice through creditVoiceNow; the ticker stays out of their way.
    voiceTickMs: 3_600_000,
    ...options.bot,
  });
  await bot.start();
  return {
    tandem,
    deps,
    emulator,
    urls,
    control,
    world,
    bot,
    logs,
    async runCommand(userId, name, commandOptions) {
      const created = await control.runCommand({
        channelId: world.channels.general,
        userId,
        name,
        options: commandOptions,
      });
      return control.interaction(created.id, { until: 'completed', timeoutMs: 10_000 });
    },
    async playerOf(discordUserId) {
      const identity = await tandem.db.prisma.identity.findUnique({
        where: { platform_platformUserId: { platform: 'discord', platformUserId: discordUserId } },
      });
      return identity?.playerId ?? null;
    },
    async stop() {
      await bot.stop();
      await tandem.stop();
      await ports?.close();
      await emulator.stop();
    },
  };
}

/** Waits until the bot's voice cache shows `userId` in `channelId` (null: not in voice) with `muted`. */
export async function waitForVoiceCache(
  harness: DiscordBotHarness,
  userId: string,
  expected: { channelId: string | null; selfMute?: boolean },
): Promise<void> {
  await waitFor(async () => {
    const state = harness.bot.client.guilds.cache.get(harness.world.guildId)?.voiceStates.cache.get(userId);
    const channelId = state?.channelId ?? null;
    return (
      channelId === expected.channelId &&
      (expected.selfMute === undefined || state?.selfMute === expected.selfMute)
    );
  }, `voice state of ${userId}`);
}
