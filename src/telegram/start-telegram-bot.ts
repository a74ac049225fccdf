import type { Telegraf } from 'telegraf';
import type { EntityChange } from '../live/changes.ts';
import { languages } from '../texts/languages.ts';
import type { CommandMenu } from './feature.ts';
import { type ChangeFeedOptions, changesCommandMenus, followAdminChanges } from './follow-admin-changes.ts';
import type { TandemContext } from './tandem-context.ts';
import { buildTelegramBot, type TelegramBotOptions } from './telegram-bot.ts';
import type { TelegramDeps } from './telegram-deps.ts';
import { listenForWebhook, type TelegramWebhookOptions } from './webhook-server.ts';

export interface StartTelegramBotOptions extends TelegramBotOptions {
  /** Receive updates on a webhook instead of long polling. @defaultValue long polling */
  webhook?: TelegramWebhookOptions;
  /** The change feed that empties the content and settings caches; without it they only expire. */
  changes?: ChangeFeedOptions;
  /** The Mini App's address (https, or the sandbox's local one): set as the bot's menu button. */
  miniAppUrl?: string;
}

export interface RunningTelegramBot {
  bot: Telegraf<TandemContext>;
  /** Whether updates still arrive: false once stopped, or once long polling gave up (409, 401). */
  receiving(): boolean;
  /** Stops receiving updates (an update being handled is finished first); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Tandem answers messages and button presses, and follows its own membership in groups (for the
 * panel's list of them); other members' joins and leaves, and edits, are not its business.
 */
const allowedUpdates = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Starts the bot: checks the token (getMe), publishes the command list, then receives updates by
 * long polling or, when configured, on a webhook guarded by its secret. Resolves once updates flow.
 */
export async function startTelegramBot(
  deps: TelegramDeps,
  options: StartTelegramBotOptions,
): Promise<RunningTelegramBot> {
  const { bot, commandMenu, close } = buildTelegramBot(deps, options);
  // An admin's edit of a command description reaches the menus Telegram shows at once, like /help.
  let menusPublished = false;
  const republishMenus = (change: EntityChange) => {
    if (!menusPublished || !changesCommandMenus(change)) return;
    publishCommandMenus(bot, deps, commandMenu).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'command menus not published again; they follow at the next start'),
    );
  };
  const subscription = options.changes
    ? await followAdminChanges(deps, options.changes, republishMenus).catch((error: unknown) => {
        close();
        throw error;
      })
    : null;
  try {
    bot.botInfo = await bot.telegram.getMe();
    await publishCommandMenus(bot, deps, commandMenu);
    menusPublished = true;
    if (options.miniAppUrl) await setMiniAppMenuButton(bot, deps, options.miniAppUrl);
    const updates = options.webhook
      ? await receiveByWebhook(bot, options.webhook)
      : receiveByPolling(bot, deps.logger);
    let stopping: Promise<void> | undefined;
    return {
      bot,
      receiving: () => !stopping && updates.receiving(),
      stop: () => {
        stopping ??= updates.stop().finally(async () => {
          close();
          await subscription?.close();
        });
        return stopping;
      },
    };
  } catch (error) {
    close();
    await subscription?.close();
    throw error;
  }
}

/**
 * One command menu per language Tandem speaks (Telegram shows it to users whose app is set to that
 * language), and the default one, for every other user, in the community's language. Written with
 * the community's edits of the descriptions: at start, and again after each edit of one.
 */
async function publishCommandMenus(
  bot: Telegraf<TandemContext>,
  deps: TelegramDeps,
  commandMenu: CommandMenu,
): Promise<void> {
  for (const language of languages) {
    await bot.telegram.setMyCommands(commandMenu(await deps.texts.translator(language)), {
      language_code: language,
    });
  }
  const fallback = await deps.texts.translator(await deps.texts.defaultLanguage());
  await bot.telegram.setMyCommands(commandMenu(fallback));
}

/**
 * The button beside the message field opens the Mini App, labelled in the community's language.
 * Telegram refusing it (an address it does not take) leaves the bot working, with its command menu.
 */
async function setMiniAppMenuButton(
  bot: Telegraf<TandemContext>,
  deps: TelegramDeps,
  url: string,
): Promise<void> {
  const t = await deps.texts.translator(await deps.texts.defaultLanguage());
  try {
    await bot.telegram.setChatMenuButton({
      menuButton: { type: 'web_app', text: t('command.menuButton.miniApp'), web_app: { url } },
    });
  } catch (error) {
    deps.logger.warn({ err: error, url }, 'the Mini App menu button was not set; check PUBLIC_URL');
  }
}

/** How updates reach the bot, and how they stop. */
interface UpdateSource {
  receiving(): boolean;
  stop(): Promise<void>;
}

async function receiveByWebhook(
  bot: Telegraf<TandemContext>,
  webhook: TelegramWebhookOptions,
): Promise<UpdateSource> {
  const server = await listenForWebhook(bot, webhook);
  try {
    await bot.telegram.setWebhook(webhook.url, {
      secret_token: webhook.secretToken,
      allowed_updates: [...allowedUpdates],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  // The webhook stays registered: Telegram keeps the updates that arrive meanwhile for the next start.
  return { receiving: () => true, stop: () => server.close() };
}

/**
 * `launch()` resolves only when polling ends, so it is not awaited. Pending updates are kept (no
 * dropPendingUpdates): what arrived while the bot was down is still answered, and the update claims
 * make the redelivered ones harmless.
 */
function receiveByPolling(bot: Telegraf<TandemContext>, logger: TelegramDeps['logger']): UpdateSource {
  const polling = bot.launch({ allowedUpdates: [...allowedUpdates] });
  let ended = false;
  const done = polling.then(
    () => {
      ended = true;
    },
    (error) => {
      ended = true;
      // 409: another process polls with this token; 401: the token was revoked. Both need a person.
      logger.error({ err: error }, 'Telegram long polling stopped');
    },
  );
  return {
    receiving: () => !ended,
    async stop() {
      // Until launch() has passed deleteWebhook, telegraf's stop() throws "Bot is not running!".
      while (!ended) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await done;
    },
  };
}
