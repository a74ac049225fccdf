import { createContentCache } from '../content/content-cache.ts';
import { createDiscordBot, type DiscordBot } from '../discord/discord-bot.ts';
import type { RoleDriftPolicy } from '../roles/role-drift.ts';
import type { PlatformEndpoints } from '../sandbox/platform-endpoints.ts';
import { type RunningTelegramBot, startTelegramBot } from '../telegram/start-telegram-bot.ts';
import type { TelegramWebhookOptions } from '../telegram/webhook-server.ts';
import type { BotDeps } from './bot-deps.ts';
import type { Services } from './services.ts';

/** The bots' view of a process's services: the same engine, queues and caches the workers use. */
export function botDepsOf(services: Services): BotDeps {
  return {
    db: services.db,
    engine: services.engine,
    queues: services.queues,
    catalog: services.catalog,
    settings: services.settings,
    content: createContentCache(services.db),
    redis: services.redis,
    logger: services.logger,
    changes: services.changes,
    sync: services,
  };
}

export interface BotRuntimeOptions {
  roleDriftPolicy: RoleDriftPolicy;
  /** @defaultValue 60_000 */
  voiceTickMs?: number;
  /** Webhook mode for Telegram; long polling without it. */
  telegramWebhook?: TelegramWebhookOptions;
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
    ? await startTelegramBot(deps, {
        token: platforms.telegram.token,
        apiRoot: platforms.telegram.apiRoot,
        keyPrefix: services.queuePrefix,
        webhook: options.telegramWebhook,
        changes: feed,
      })
    : null;
  let discord: DiscordBot | null = null;
  try {
    if (platforms.discord) {
      discord = createDiscordBot(deps, {
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
