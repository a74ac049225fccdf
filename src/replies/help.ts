import type { Platform } from '../core/platforms.ts';

export interface BotCommand {
  /** Without the slash. */
  command: string;
  /** One short line, also fit for the platform's command menu. */
  description: string;
}

const shared: BotCommand[] = [
  { command: 'profile', description: 'Your rank, XP, coins and achievements' },
  { command: 'daily', description: 'Claim your daily bonus' },
  { command: 'top', description: 'The leaderboard' },
  { command: 'tasks', description: 'Tasks with rewards' },
  { command: 'payout', description: 'Withdraw coins' },
  { command: 'link', description: 'Connect your Telegram and Discord accounts' },
  { command: 'unlink', description: 'Disconnect this account' },
];

/**
 * The commands each bot offers, in the order shown: `/help` lists them, and the bots may register
 * the same list (Telegram setMyCommands, Discord slash commands) so the two never disagree.
 */
export function botCommands(platform: Platform): BotCommand[] {
  return platform === 'telegram'
    ? [
        { command: 'start', description: 'The main menu' },
        ...shared.slice(0, 2),
        { command: 'game', description: 'Guess the number for XP and coins' },
        ...shared.slice(2),
        { command: 'help', description: 'What this bot can do' },
      ]
    : [
        // Discord's slash commands (src/discord/commands): tasks, payouts and the game live on Telegram.
        ...shared.slice(0, 3),
        ...shared.slice(5),
        { command: 'sync', description: 'Check your progress and roles again' },
      ];
}

/** `/help` (and the answer to a command the bot does not know). */
export function helpReply(platform: Platform): string {
  const earn =
    platform === 'telegram'
      ? 'You earn XP and coins by chatting, playing, daily bonuses and tasks.'
      : 'You earn XP and coins by chatting, spending time in voice channels and daily bonuses; tasks, payouts and the game are in the Telegram bot.';
  return [
    "👋 Here's what I can do:",
    ...botCommands(platform).map((c) => `/${c.command}: ${c.description}`),
    '',
    `${earn} Link your accounts to share one balance across Telegram and Discord.`,
  ].join('\n');
}
