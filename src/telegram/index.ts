export type { ChangeFeedOptions } from './follow-admin-changes.ts';
export {
  type RunningTelegramBot,
  type StartTelegramBotOptions,
  startTelegramBot,
} from './start-telegram-bot.ts';
export type { TelegramBotOptions } from './telegram-bot.ts';
export type { TelegramWebhookOptions } from './webhook-server.ts';
