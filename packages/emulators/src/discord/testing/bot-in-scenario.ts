import type { Client, GatewayIntentBits, Guild } from 'discord.js';
import { onTestFinished } from 'vitest';
import { DiscordControlClient } from '../control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from '../index.ts';
import type { DiscordEmulatorOptions } from '../options.ts';
import { buildScenario, type Scenario } from '../scenario.ts';
import { connectClient, TANDEM_INTENTS } from './discord-client.ts';

/** A fresh emulator with the standard scenario, and Tandem's bot connected to it through discord.js. */
export interface BotInScenario {
  urls: DiscordEmulatorUrls;
  control: DiscordControlClient;
  world: Scenario;
  bot: Client;
  /** The scenario's guild as the bot's cache holds it. */
  guild(): Guild;
  /** Disconnects the bot, then stops the emulator. */
  stop(): Promise<void>;
}

export interface BotInScenarioOptions {
  /** @defaultValue {@link TANDEM_INTENTS} */
  intents?: readonly GatewayIntentBits[];
  /** Emulator options on top of a 250 ms heartbeat (rate limits, for instance). */
  emulator?: DiscordEmulatorOptions;
}

/**
 * Starts the world most Discord emulator tests begin from. Meant for `beforeEach`, which can
 * return `stop` so vitest runs it after the test.
 */
export async function startBotInScenario(options: BotInScenarioOptions = {}): Promise<BotInScenario> {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250, ...options.emulator });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  let world: Scenario;
  let bot: Client;
  try {
    world = await buildScenario(control);
    bot = await connectClient(urls.apiUrl, world.bot.token, options.intents ?? TANDEM_INTENTS);
  } catch (error) {
    // A failed start returns no `stop`, so the emulator would outlive the test file.
    await emulator.stop();
    throw error;
  }
  return {
    urls,
    control,
    world,
    bot,
    guild() {
      const cached = bot.guilds.cache.get(world.guildId);
      if (!cached) throw new Error('guild not cached');
      return cached;
    },
    async stop() {
      await bot.destroy();
      await emulator.stop();
    },
  };
}

/** {@link startBotInScenario} for the running test: stopped once it finishes, passed or failed. */
export async function startBotForTest(options: BotInScenarioOptions = {}): Promise<BotInScenario> {
  const context = await startBotInScenario(options);
  onTestFinished(() => context.stop());
  return context;
}
