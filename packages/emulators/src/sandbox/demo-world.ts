import { buildScenario, DiscordControlClient, type Scenario } from '../discord/index.ts';
import { TelegramControlClient } from '../telegram/index.ts';

/** A Telegram user of the demo world. */
export interface DemoTelegramUser {
  id: number;
  firstName: string;
  username: string;
}

/** What {@link seedDemoWorld} created, with every id a person or a bot needs. */
export interface DemoWorld {
  telegram: {
    bot: { id: number; username: string; token: string };
    users: DemoTelegramUser[];
  };
  /** The guild of `buildScenario`: rank roles Bronze < Silver < Gold below the bot, Staff above. */
  discord: Scenario;
}

const TELEGRAM_PLAYERS = [
  { firstName: 'Ana', lastName: 'Rivera', username: 'ana_plays' },
  { firstName: 'Ben', lastName: 'Okafor', username: 'ben_builds' },
];

/**
 * Fills freshly started emulators with a small world to try the bots in: two Telegram players
 * (the emulator's default bot is already there) and the Discord demo guild with its bot, rank
 * roles, channels and members alice, bob and carol.
 *
 * @param telegramUrl The Telegram emulator's base URL (`emulator.url`).
 * @param discordControlUrl The Discord emulator's `controlUrl`.
 */
export async function seedDemoWorld(telegramUrl: string, discordControlUrl: string): Promise<DemoWorld> {
  const telegram = new TelegramControlClient(telegramUrl);
  const [world, discord] = await Promise.all([
    telegram.world(),
    buildScenario(new DiscordControlClient(discordControlUrl)),
  ]);
  const bot = world.bots[0];
  if (!bot) throw new Error('The Telegram emulator has no bot to seed a demo world for');
  const users: DemoTelegramUser[] = [];
  for (const player of TELEGRAM_PLAYERS) {
    const user = await telegram.createUser(player);
    users.push({ id: user.id, firstName: user.first_name, username: player.username });
  }
  return {
    telegram: { bot: { id: bot.id, username: bot.username, token: bot.token }, users },
    discord,
  };
}
