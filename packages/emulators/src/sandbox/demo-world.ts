import { buildScenario, DiscordControlClient, type Scenario } from '../discord/index.ts';
import { TelegramControlClient } from '../telegram/index.ts';

/** A Telegram user of the demo world. */
export interface DemoTelegramUser {
  id: number;
  firstName: string;
  username: string;
  /** The language of their Telegram app (`language_code`). */
  languageCode: string;
}

/** What {@link seedDemoWorld} created, with every id a person or a bot needs. */
export interface DemoWorld {
  telegram: {
    bot: { id: number; username: string; token: string };
    users: DemoTelegramUser[];
    /** The community group the bot was added to as an administrator (none when one existed already). */
    group?: { id: number; title: string };
  };
  /**
   * The guild of `buildScenario`: rank roles Bronze < Silver < Gold below the bot, Staff above; its
   * members alice, bob and carol use Discord in English (`en-US`), and dmitri in Russian (`ru`).
   */
  discord: Scenario & { users: Scenario['users'] & { dmitri: string } };
}

/** Ana and Ben use Telegram in English, Вера in Russian. */
const TELEGRAM_PLAYERS = [
  { firstName: 'Ana', lastName: 'Rivera', username: 'ana_plays', languageCode: 'en' },
  { firstName: 'Ben', lastName: 'Okafor', username: 'ben_builds', languageCode: 'en' },
  { firstName: 'Вера', lastName: 'Соколова', username: 'vera_igraet', languageCode: 'ru' },
];

/**
 * Fills freshly started emulators with a small world to try the bots in: three Telegram players
 * (the emulator's default bot is already there) in a community group where the bot is an
 * administrator, and the Discord demo guild with its bot, rank
 * roles, channels and members alice, bob, carol and dmitri. One player on each platform speaks
 * Russian, the others English.
 *
 * @param telegramUrl The Telegram emulator's base URL (`emulator.url`).
 * @param discordControlUrl The Discord emulator's `controlUrl`.
 */
export async function seedDemoWorld(telegramUrl: string, discordControlUrl: string): Promise<DemoWorld> {
  const telegram = new TelegramControlClient(telegramUrl);
  const discordControl = new DiscordControlClient(discordControlUrl);
  const [world, scenario] = await Promise.all([telegram.world(), buildScenario(discordControl)]);
  const dmitri = await discordControl.createUser({ username: 'dmitri', locale: 'ru' });
  await discordControl.addMember(scenario.guildId, { userId: dmitri.id });
  const discord = { ...scenario, users: { ...scenario.users, dmitri: dmitri.id } };
  const bot = world.bots[0];
  if (!bot) throw new Error('The Telegram emulator has no bot to seed a demo world for');
  const users: DemoTelegramUser[] = [];
  for (const player of TELEGRAM_PLAYERS) {
    const user = await telegram.createUser(player);
    users.push({
      id: user.id,
      firstName: user.first_name,
      username: player.username,
      languageCode: player.languageCode,
    });
  }
  const botInAGroup = world.groups.some((group) =>
    group.members.some((member) => member.id === bot.id && !['left', 'kicked'].includes(member.status)),
  );
  const group = botInAGroup ? undefined : await addCommunityGroup(telegram, bot.id, users);
  return {
    telegram: {
      bot: { id: bot.id, username: bot.username, token: bot.token },
      users,
      ...(group ? { group } : {}),
    },
    discord,
  };
}

/**
 * The community's group, with Ana as its admin, who adds the bot and makes it an administrator:
 * the bot's membership update waits for it, so Tandem lists the group once its bot polls.
 */
async function addCommunityGroup(telegram: TelegramControlClient, botId: number, users: DemoTelegramUser[]) {
  const [owner, ...others] = users;
  if (!owner) return undefined;
  const group = await telegram.createGroup({
    title: 'Tandem Community',
    members: others.map((user) => user.id),
    admins: [owner.id],
    bots: [],
  });
  await telegram.addMember(group.id, {
    userId: botId,
    status: 'administrator',
    rights: {
      can_delete_messages: true,
      can_pin_messages: true,
      can_invite_users: true,
      can_restrict_members: true,
    },
    by: owner.id,
  });
  return { id: group.id, title: group.title ?? 'Tandem Community' };
}
