import { cachedValue } from '../core/cached-value.ts';
import type { DiscordIdCheck, DiscordIds } from '../core/discord-id-check.ts';
import type { ChangeSubscription, EntityChange } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import {
  buildGuildDirectory,
  type GuildDirectory,
  idLookups,
  unavailableDirectory,
} from './guild-directory.ts';
import { type DiscordGuildPort, isDiscordGuildError } from './guild-port.ts';

/**
 * The guild directory of one process: read from Discord on demand, kept up to a minute, dropped at
 * once when a `discord_guild` change is announced (the Discord bot announces every role and channel
 * event of the gateway). It is also the save checks' view of the server (DiscordIdCheck).
 */
export interface GuildDirectorySource extends DiscordIdCheck {
  /** The port roles are created through; null when Discord is not configured. */
  readonly port: DiscordGuildPort | null;
  /** The directory; `refresh` reads Discord again whatever the cache holds. */
  get(options?: { refresh?: boolean }): Promise<GuildDirectory>;
  /** Forgets the cached read (after Tandem changed the server itself). */
  drop(): void;
  /** Drops the cached read when the change feed announces the server changed. */
  onChange(change: EntityChange): void;
  /** Stops following the change feed. */
  close(): Promise<void>;
}

export interface GuildDirectorySourceOptions {
  /** null: Discord is not configured (no token or no guild id). */
  port: DiscordGuildPort | null;
  /**
   * Subscribes to the change feed; called at the first read, so processes that never read the
   * directory (workers, bots) hold no subscription for it. @defaultValue none: only the TTL refreshes
   */
  follow?: (onChange: (change: EntityChange) => void) => Promise<ChangeSubscription>;
  logger: Logger;
  /** @defaultValue 60000 */
  ttlMs?: number;
  /**
   * After a failed read, the same answer is given for this long before Discord is asked again, so
   * a server that does not answer does not make every save wait for it. @defaultValue 5000
   */
  failureTtlMs?: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** How old a read may be to stand in for one Discord rate-limited. */
const staleReadMaxMs = 10 * 60_000;

export function createGuildDirectorySource(options: GuildDirectorySourceOptions): GuildDirectorySource {
  const { port, logger } = options;
  const now = options.now ?? Date.now;
  const failureTtlMs = options.failureTtlMs ?? 5_000;
  let lastFailure: { directory: GuildDirectory; until: number } | null = null;
  let lastGood: { directory: GuildDirectory; at: number } | null = null;
  let subscription: Promise<ChangeSubscription | null> | null = null;
  let following = false;
  let closed = false;

  const cache = port
    ? cachedValue(async () => buildGuildDirectory(await port.read(), new Date(now())), {
        ttlMs: options.ttlMs,
        now,
      })
    : null;

  function onChange(change: EntityChange): void {
    if (change.entity !== 'discord_guild') return;
    if (port && change.id !== port.guildId) return;
    cache?.drop();
    lastFailure = null;
  }

  /**
   * Subscribes before the first read, so a change announced while it runs is not missed; a feed
   * that does not connect within a second (Redis away) is not waited for: the TTL still refreshes.
   */
  async function startFollowing(): Promise<void> {
    if (closed || !options.follow) return;
    if (!subscription) {
      subscription = options.follow(onChange).then(
        (open) => {
          following = true;
          return open;
        },
        (error: unknown) => {
          following = true;
          logger.warn({ err: error }, 'guild directory not following changes; it refreshes every minute');
          return null;
        },
      );
    }
    if (following) return;
    await Promise.race([subscription, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }

  async function get({ refresh = false }: { refresh?: boolean } = {}): Promise<GuildDirectory> {
    if (!cache) {
      return unavailableDirectory(
        'not-configured',
        'Discord is not configured: set DISCORD_BOT_TOKEN and DISCORD_GUILD_ID.',
        new Date(now()),
      );
    }
    await startFollowing();
    if (refresh) {
      cache.drop();
      lastFailure = null;
    }
    if (lastFailure && now() < lastFailure.until) return lastFailure.directory;
    try {
      const directory = await cache.get();
      lastGood = { directory, at: now() };
      return directory;
    } catch (error) {
      if (!isDiscordGuildError(error)) throw error;
      // A rate limit says nothing about the server: the workers setting members' roles share the
      // bot's limits (right after rank roles are created, every ranked member's roles are set), so
      // a recent good read stands in rather than sending the pickers back to typed ids.
      if (error.retryAfterMs !== null && lastGood && now() - lastGood.at < staleReadMaxMs) {
        logger.info({ reason: error.reason }, 'Discord server read rate limited; the last read stands in');
        return lastGood.directory;
      }
      const directory = unavailableDirectory('unreachable', error.reason, new Date(now()));
      lastFailure = { directory, until: now() + Math.max(failureTtlMs, error.retryAfterMs ?? 0) };
      logger.warn({ reason: error.reason }, 'Discord server could not be read');
      return directory;
    }
  }

  return {
    port,
    get,
    drop() {
      cache?.drop();
      lastFailure = null;
    },
    onChange,
    async idsNow(): Promise<DiscordIds | null> {
      const directory = await get();
      return directory.status === 'ready' ? idLookups({ ...directory, status: 'ready' }) : null;
    },
    async close() {
      closed = true;
      const pending = subscription;
      subscription = null;
      if (!pending) return;
      // A subscription still connecting (Redis away) is closed once it connects; shutdown goes on.
      const timeout = new Promise<null>((resolve) => setTimeout(resolve, 1_000, null).unref());
      const open = await Promise.race([pending, timeout]);
      if (open) await open.close();
      else void pending.then((late) => late?.close());
    },
  };
}
