import { REST } from 'discord.js';
import { Telegram } from 'telegraf';
import { createDiscordPort } from '../discord/discord-port.ts';
import { createDiscordGuildPort } from '../discord/guild-port.ts';
import type { PlatformCallMetrics } from '../metrics/platform-call-metrics.ts';
import type { PlatformPorts } from '../sync/ports.ts';
import { createTelegramPort } from '../telegram/telegram-port.ts';
import { observePlatformPorts } from './observed-ports.ts';

export interface PlatformPortsConfig {
  /** null: no Telegram bot runs, its projections and notices are skipped. */
  telegram: {
    token: string;
    /** A self-hosted Bot API server or an emulator. @defaultValue `https://api.telegram.org` */
    apiRoot?: string;
  } | null;
  discord: {
    token: string;
    /** The API address without the version (`<root>/api`). @defaultValue `https://discord.com/api` */
    apiRoot?: string;
    /** The server whose roles Tandem manages. */
    guildId: string;
  } | null;
}

export interface PlatformPortsOptions {
  /** Counts and times every call. @defaultValue not counted */
  metrics?: PlatformCallMetrics;
}

export interface OpenPlatformPorts extends PlatformPorts {
  /** Stops the REST client's timers; calls in flight finish on their own. */
  close(): Promise<void>;
}

/**
 * The platform clients the sync workers write through: REST only, no gateway or polling, so any
 * number of worker processes can hold them next to the bots.
 */
export function createPlatformPorts(
  config: PlatformPortsConfig,
  options: PlatformPortsOptions = {},
): OpenPlatformPorts {
  const telegram = config.telegram
    ? createTelegramPort(
        new Telegram(
          config.telegram.token,
          // telegraf resolves `./bot<token>/<method>` against the root: a path needs its trailing slash.
          config.telegram.apiRoot ? { apiRoot: withTrailingSlash(config.telegram.apiRoot) } : {},
        ),
      )
    : null;
  const rest = config.discord ? discordRest(config.discord) : null;
  const discord =
    rest && config.discord ? createDiscordPort({ rest, guildId: config.discord.guildId }) : null;
  const discordGuild =
    rest && config.discord ? createDiscordGuildPort({ rest, guildId: config.discord.guildId }) : null;
  const ports: OpenPlatformPorts = {
    telegram,
    discord,
    discordGuild,
    async close() {
      rest?.clearHashSweeper();
      rest?.clearHandlerSweeper();
    },
  };
  return options.metrics ? observePlatformPorts(ports, options.metrics) : ports;
}

function discordRest(config: NonNullable<PlatformPortsConfig['discord']>): REST {
  return new REST({
    // REST appends `/v10/...` itself: no trailing slash.
    ...(config.apiRoot ? { api: config.apiRoot.replace(/\/+$/, '') } : {}),
    // A 429 goes to the queue, which pauses for the time Discord asked without spending an
    // attempt; waiting inside the client would hold a worker slot and hide the limit.
    rejectOnRateLimit: () => true,
  }).setToken(config.token);
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
