import type { ContentCache } from '../content/content-cache.ts';
import type { GuildDirectorySource } from '../discord-guild/guild-directory-source.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { RedisConnection } from '../redis/connection.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';
import type { SyncContext } from '../sync/context.ts';

/**
 * What the admin API works with: what the sync workers have (its retries and reconcile runs act as
 * they do), the change feed and the caches its edits drop, and Redis for Bull Board, the live
 * pages and the sign-in limits. The process that serves it builds it (src/runtime).
 */
export interface AdminApiDeps extends SyncContext {
  /** For producers and locks: fails fast when RedisConnection is away. */
  redis: RedisConnection;
  /** Announces entity changes to admin pages and bot caches (RedisConnection pub/sub). */
  changes: ChangePublisher;
  /** The admin-editable earning rules, cached and dropped on a `settings` change. */
  settings: SettingsCache;
  /** The RedisConnection URL, for connections of their own (pub/sub subscribers). */
  redisUrl: string;
  queuePrefix: string;
  /** The bots' content cache, when this process runs them too. */
  content?: ContentCache;
  /**
   * The Discord server's roles and channels: the pickers read it, rank, achievement and earning-rule
   * saves are checked against it. @defaultValue none: `not-configured`, saves unchecked
   */
  discordGuild?: GuildDirectorySource;
}
