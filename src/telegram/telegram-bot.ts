import { Telegraf } from 'telegraf';
import { answerErrors } from './answer-errors.ts';
import { openBotStateRedis } from './bot-state-redis.ts';
import { createConversationSteps, forgetStepOnCommand } from './conversation-steps.ts';
import {
  type BotCommand,
  type CommandMenu,
  commandMenu,
  composeFeatures,
  type Feature,
  validateCommands,
} from './feature.ts';
import { announcementsFeature } from './features/announcements.ts';
import { chatXpFeature } from './features/chat-xp.ts';
import { dailyFeature } from './features/daily.ts';
import { gameFeature } from './features/game.ts';
import { helpFeature } from './features/help.ts';
import { languageFeature } from './features/language.ts';
import { linkingFeature } from './features/linking.ts';
import { menuFeature } from './features/menu.ts';
import { payFeature } from './features/pay.ts';
import { payoutFeature } from './features/payout.ts';
import { privacyFeature } from './features/privacy/privacy.ts';
import { profileFeature } from './features/profile.ts';
import { shopFeature } from './features/shop.ts';
import { tasksFeature } from './features/tasks.ts';
import { topFeature } from './features/top.ts';
import { followBotChats } from './follow-bot-chats.ts';
import { honourRetryAfter } from './honour-retry-after.ts';
import { resolveSender } from './resolve-player.ts';
import type { TandemContext } from './tandem-context.ts';
import type { TelegramDeps } from './telegram-deps.ts';
import { createUpdateClaims, dedupeUpdates } from './update-claims.ts';
import { moveOnAfterDeadline } from './update-deadline.ts';

export interface TelegramBotOptions {
  token: string;
  /** The Bot API address, e.g. an emulator's. @defaultValue `https://api.telegram.org` */
  apiRoot?: string;
  /**
   * Namespace of the bot's Redis keys (update claims, conversation steps): the installation's queue
   * prefix, so two installations (or test runs) on one Redis never see each other's keys.
   * @defaultValue `'tandem'`
   */
  keyPrefix?: string;
  /**
   * How long one answer may wait out Telegram's 429s (their `retry_after`) before it is given up
   * and logged. @defaultValue 15_000
   */
  replyMaxWaitMs?: number;
  /**
   * How long the bot waits for one update's handler before it takes the next updates; the handler
   * still answers when it finishes. @defaultValue 90_000
   */
  updateDeadlineMs?: number;
}

export interface BuiltTelegramBot {
  bot: Telegraf<TandemContext>;
  /** The command menu for setMyCommands in a language, as `/help` lists it. */
  commandMenu: CommandMenu;
  /** Closes the bot's own Redis connection, once it no longer handles updates. */
  close(): void;
}

/** The bot with its handlers, not yet started: see startTelegramBot to run it. */
export function buildTelegramBot(deps: TelegramDeps, options: TelegramBotOptions): BuiltTelegramBot {
  const keyPrefix = options.keyPrefix ?? 'tandem';
  const bot = new Telegraf<TandemContext>(options.token, {
    telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    // moveOnAfterDeadline replaces telegraf's timeout, which would apologise for a running handler.
    handlerTimeout: Number.POSITIVE_INFINITY,
  });
  const stateRedis = openBotStateRedis(deps.redis);
  const steps = createConversationSteps(stateRedis, keyPrefix, deps.logger);
  // A Bot API token starts with the bot's id: claims of two bots sharing a Redis stay apart.
  const botId = Number(options.token.split(':')[0]);
  const claims = createUpdateClaims(stateRedis, { keyPrefix, botId });

  // The menu's command buttons run any feature's command; the table is complete before any update.
  let commandsByName = new Map<string, BotCommand>();
  // Order matters for plain text: a pending proof first, then the unknown-command hint, then group
  // chatter (XP) and private messages (guesses).
  const features: Feature[] = [
    menuFeature(deps, (name) => commandsByName.get(name)),
    profileFeature(deps),
    dailyFeature(deps),
    topFeature(deps),
    payoutFeature(deps),
    linkingFeature(deps),
    tasksFeature(deps, steps),
    shopFeature(deps),
    payFeature(deps),
    languageFeature(deps),
    announcementsFeature(deps),
    privacyFeature(deps),
    helpFeature(),
    chatXpFeature(deps),
    gameFeature(deps),
  ];
  commandsByName = validateCommands(features);

  const onError = answerErrors(deps.logger);
  bot.catch(onError);
  // First, before any claim or lookup: an update counts as received even if handling it fails.
  const updateReceived = deps.metrics?.liveness.telegramUpdates();
  if (updateReceived)
    bot.use((_ctx, next) => {
      updateReceived();
      return next();
    });
  bot.use(moveOnAfterDeadline(onError, deps.logger, options.updateDeadlineMs));
  bot.use(honourRetryAfter(deps.logger, { maxWaitMs: options.replyMaxWaitMs }));
  bot.use(dedupeUpdates(claims, deps.logger));
  bot.use(followBotChats(deps));
  bot.use(resolveSender(deps));
  bot.use(forgetStepOnCommand(steps));
  bot.use(composeFeatures(features));
  return { bot, commandMenu: commandMenu(commandsByName), close: () => stateRedis.disconnect() };
}
