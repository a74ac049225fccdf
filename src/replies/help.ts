import type { Platform } from '../core/platforms.ts';
import type { TextKey } from '../texts/default-texts.ts';
import type { Translate } from '../texts/texts.ts';

export interface BotCommand {
  /** Without the slash. */
  command: string;
  /** One short line, also fit for the platform's command menu. */
  description: string;
}

/** The commands of each bot, in the order shown. Each is described by `command.<name>.description`. */
const commandsOf: Record<Platform, readonly string[]> = {
  telegram: [
    'start',
    'profile',
    'daily',
    'game',
    'top',
    'tasks',
    'shop',
    'buy',
    'pay',
    'payout',
    'link',
    'unlink',
    'language',
    'announcements',
    'privacy',
    'help',
  ],
  // Discord's slash commands (src/discord/commands): tasks, payouts and the game live on Telegram.
  discord: [
    'profile',
    'daily',
    'top',
    'shop',
    'pay',
    'link',
    'unlink',
    'sync',
    'language',
    'announcements',
    'privacy',
    'help',
  ],
};

/**
 * Commands for the community's admins (signing up for alerts by DM, src/alerts): registered by the
 * bots like the others, but not listed to players by /help or in Telegram's command menu.
 */
export const adminCommandsOf: Record<Platform, readonly string[]> = {
  telegram: ['pager'],
  discord: ['pager'],
};

/** The text key describing a command, as /help, Telegram's menu and Discord's slash list show it. */
export function commandDescriptionKey(command: string): TextKey {
  return `command.${command}.description` as TextKey;
}

/**
 * The commands each bot offers, in the order shown and in the reader's language: `/help` lists them,
 * and the bots register the same list (Telegram setMyCommands per language, Discord slash commands
 * with their localizations) so the two never disagree.
 */
export function botCommands(platform: Platform, t: Translate): BotCommand[] {
  return commandsOf[platform].map((command) => ({ command, description: t(commandDescriptionKey(command)) }));
}

/** `/help` (and the answer to a command the bot does not know). */
export function helpReply(platform: Platform, t: Translate): string {
  return [
    t('reply.help.intro'),
    ...botCommands(platform, t).map((c) => `/${c.command}: ${c.description}`),
    '',
    `${t(platform === 'telegram' ? 'reply.help.earn.telegram' : 'reply.help.earn.discord')} ${t('reply.help.spend')} ${t('reply.help.link')}`,
  ].join('\n');
}
