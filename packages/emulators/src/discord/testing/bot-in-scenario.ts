import type { Client, Guild } from 'discord.js';
import { DiscordControlClient } from '../control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from '../index.ts';
import { buildScenario, type Scenario } from '../scenario.ts';
import { connectClient } from './discord-client.ts';

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

/**
 * Starts the world most Discord emulator tests begin from. Meant for `beforeEach`, which can
 * return `stop` so vitest runs it after the test.
 */
export async function startBotInScenario(): Promise<BotInScenario> {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  let world: Scenario;
  let bot: Client;
  try {
    world = await buildScenario(control);
    bot = await connectClient(urls.apiUrl, world.bot.token);
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
