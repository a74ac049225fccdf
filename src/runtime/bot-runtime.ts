import { createContentCache } from '../content/content-cache.ts';
import { createDiscordBot, type DiscordBot } from '../discord/discord-bot.ts';
import type { DiscordDeps } from '../discord/discord-deps.ts';
import type { RoleDriftPolicy } from '../roles/role-drift.ts';
import { type RunningTelegramBot, startTelegramBot } from '../telegram/start-telegram-bot.ts';
import type { TelegramDeps } from '../telegram/telegram-deps.ts';
import type { TelegramWebhookOptions } from '../telegram/webhook-server.ts';
import type { PlatformEndpoints } from './platform-endpoints.ts';
import type { Services } from './services.ts';

/**
 * Each bot's view of a process's services: the same engine, queues and caches the workers use, and
 * one content cache for both bots of the process.
 */
export function botDepsOf(services: Services): { telegram: TelegramDeps; discord: DiscordDeps } {
  const content = createContentCache(services.db);
  const shared = {
    db: services.db,
    engine: services.engine,
    queues: services.queues,
    catalog: services.catalog,
    settings: services.settings,
    texts: services.texts,
    content,
    logger: services.logger,
    changes: services.changes,
    metrics: services.metrics,
  };
  return { telegram: { ...shared, redis: services.redis }, discord: shared };
}

export interface BotRuntimeOptions {
  roleDriftPolicy: RoleDriftPolicy;
  /** @defaultValue 60_000 */
  voiceTickMs?: number;
  /** Webhook mode for Telegram; long polling without it. */
  telegramWebhook?: TelegramWebhookOptions;
  /** The Mini App's address, set as the Telegram bot's menu button. @defaultValue no menu button */
  telegramMiniAppUrl?: string;
}

export interface RunningBots {
  telegram: RunningTelegramBot | null;
  discord: DiscordBot | null;
  stop(): Promise<void>;
}

/** Starts the bot of each configured platform on this process's services. */
export async function startBots(
  services: Services,
  platforms: PlatformEndpoints,
  options: BotRuntimeOptions,
): Promise<RunningBots> {
  const deps = botDepsOf(services);
  const feed = { redisUrl: services.redisUrl, prefix: services.queuePrefix };
  const telegram = platforms.telegram
    ? await startTelegramBot(deps.telegram, {
        token: platforms.telegram.token,
        apiRoot: platforms.telegram.apiRoot,
        keyPrefix: services.queuePrefix,
        webhook: options.telegramWebhook,
        changes: feed,
        miniAppUrl: options.telegramMiniAppUrl,
      })
    : null;
  let discord: DiscordBot | null = null;
  try {
    if (platforms.discord) {
      discord = createDiscordBot(deps.discord, {
        token: platforms.discord.token,
        apiRoot: platforms.discord.apiRoot,
        guildId: platforms.discord.guildId,
        roleDriftPolicy: options.roleDriftPolicy,
        voiceTickMs: options.voiceTickMs,
        redisUrl: feed.redisUrl,
        prefix: feed.prefix,
      });
      await discord.start();
    }
  } catch (error) {
    await telegram?.stop();
    await discord?.stop().catch(() => {});
    throw error;
  }
  return {
    telegram,
    discord,
    async stop() {
      await Promise.all([telegram?.stop(), discord?.stop()]);
    },
  };
}
