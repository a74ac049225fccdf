import { hostname } from 'node:os';
import { type AlertSignals, createAlertSignals } from '../alerts/alert-signals.ts';
import { type CatalogCache, createCatalogCache } from '../catalog/catalog.ts';
import { type Database, openDatabase } from '../db/database.ts';
import {
  createGuildDirectorySource,
  type GuildDirectorySource,
} from '../discord-guild/guild-directory-source.ts';
import { Engine } from '../ledger/engine.ts';
import { type ChangePublisher, createChangePublisher, subscribeToChanges } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { createProcessMetrics, type TandemMetrics } from '../metrics/process-metrics.ts';
import { watchPlatformPorts } from '../platforms/watch-platform-ports.ts';
import {
  createProducerConnection,
  createWorkerConnection,
  type RedisConnection,
} from '../redis/connection.ts';
import { createSettingsCache, type SettingsCache } from '../settings/settings-cache.ts';
import type { SyncContext } from '../sync/context.ts';
import type { PlatformPorts } from '../sync/ports.ts';
import { openQueues, type Queues } from '../sync/queues.ts';
import { createTexts, type Texts } from '../texts/texts.ts';

export interface ServiceOptions {
  databaseUrl: string;
  databasePoolSize: number;
  /** See `Database.namedStatements`. @defaultValue true */
  databaseNamedStatements?: boolean;
  redisUrl: string;
  queuePrefix: string;
  syncAttempts: number;
  syncBackoffMs: number;
  logger: Logger;
  ports?: PlatformPorts;
  workerName?: string;
  /** The process's metrics, which its `/metrics` serves. @defaultValue a registry nobody serves */
  metrics?: TandemMetrics;
  /** The pager's counter buckets (src/alerts/alert-signals.ts); tests shorten them. @defaultValue 60000 */
  signalBucketMs?: number;
}

/** Everything a Tandem process shares: one database pool, Redis connections, queues, the engine. */
export interface Services extends SyncContext {
  /** For workers: blocking commands, retried forever. */
  workerRedis: RedisConnection;
  /** For producers and locks: fails fast when Redis is away. */
  redis: RedisConnection;
  /** Announces entity changes to admin pages and bot caches (Redis pub/sub). */
  changes: ChangePublisher;
  /** The admin-editable earning rules, cached and dropped on a `settings` change. */
  settings: SettingsCache;
  /** Every text the bots send, in the reader's language with the community's edits. */
  texts: Texts;
  /** The Redis URL, for connections of their own (pub/sub subscribers). */
  redisUrl: string;
  queuePrefix: string;
  /**
   * The Discord server's roles and channels (the admin API's pickers and save checks), read on
   * demand: a process that never asks makes no call and holds no subscription for it.
   */
  discordGuild: GuildDirectorySource;
  metrics: TandemMetrics;
  /** What the pager reads (src/alerts): the bots' last updates, the platforms' refusals and 429s. */
  signals: AlertSignals;
  close(): Promise<void>;
}

export function openServices(options: ServiceOptions): Services {
  const db: Database = openDatabase(options.databaseUrl, options.databasePoolSize, {
    namedStatements: options.databaseNamedStatements,
  });
  const redis = createProducerConnection(options.redisUrl);
  const workerRedis = createWorkerConnection(options.redisUrl);
  // ioredis reports connection errors as events; the queues and the relay deal with the outage.
  redis.on('error', () => {});
  workerRedis.on('error', () => {});
  const queues: Queues = openQueues({
    connection: redis,
    prefix: options.queuePrefix,
    attempts: options.syncAttempts,
    backoffMs: options.syncBackoffMs,
  });
  const metrics = options.metrics ?? createProcessMetrics({ process: 'start' });
  const engine = new Engine(db, queues, options.logger, { metrics: metrics.events });
  const signals = createAlertSignals(redis, options.queuePrefix, { bucketMs: options.signalBucketMs });
  const catalog: CatalogCache = createCatalogCache(db.prisma);
  const texts = createTexts({ db, logger: options.logger });
  const discordGuild = createGuildDirectorySource({
    port: options.ports?.discordGuild ?? null,
    follow: (onChange) => subscribeToChanges(options.redisUrl, options.queuePrefix, onChange, options.logger),
    logger: options.logger,
  });
  return {
    db,
    engine,
    queues,
    catalog,
    ports: options.ports ? watchPlatformPorts(options.ports, signals) : { telegram: null, discord: null },
    signals,
    logger: options.logger,
    workerName: options.workerName ?? `${hostname()}-${process.pid}`,
    redis,
    workerRedis,
    changes: createChangePublisher(redis, options.queuePrefix, options.logger),
    settings: createSettingsCache(db, options.logger),
    texts,
    redisUrl: options.redisUrl,
    queuePrefix: options.queuePrefix,
    discordGuild,
    metrics,
    async close() {
      await discordGuild.close();
      await queues.close().catch(() => {});
      redis.disconnect();
      workerRedis.disconnect();
      await db.close();
    },
  };
}
