import type { PagerWindows } from '../../src/alerts/pager-conditions.ts';
import { seedEconomyDefaults } from '../../src/catalog/seed.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { TandemMetrics } from '../../src/metrics/process-metrics.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import type { PlatformPorts } from '../../src/sync/ports.ts';
import { type SyncWorkers, startSyncWorkers } from '../../src/sync/workers.ts';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from './database.ts';
import { testRedisUrl } from './env.ts';
import { type PgBouncer, type PgBouncerOptions, startPgBouncer } from './pgbouncer.ts';

export interface TestTandem extends Services {
  database: TestDatabase;
  /** The address Tandem's pool connects to: the database itself, or the pooler in front of it. */
  databaseUrl: string;
  /** The PgBouncer in front of the database, with `pooler: 'pgbouncer'`. */
  pgBouncer?: PgBouncer;
  prefix: string;
  startWorkers(options?: {
    concurrency?: number;
    lockDurationMs?: number;
    stalledIntervalMs?: number;
    /** The pager's windows, shortened by a test (src/alerts/pager-conditions.ts). */
    alerts?: Partial<PagerWindows>;
  }): SyncWorkers;
  createPlayer(displayName?: string): Promise<string>;
  /** Waits until no sync event is pending or processing (or throws after `timeoutMs`). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function openTestTandem(
  options: {
    ports?: PlatformPorts;
    attempts?: number;
    backoffMs?: number;
    seed?: boolean;
    /** A Redis of the test's own (one it can stop, a cluster); the shared test Redis otherwise. */
    redisUrl?: string;
    /**
     * Writes the prefix as a hash tag, `{t-…}`, as Tandem's config requires on a Redis Cluster: all
     * of the test's keys are then in one slot. @defaultValue false
     */
    hashTagPrefix?: boolean;
    /** Settings for every database session Tandem opens, e.g. `-c plan_cache_mode=force_generic_plan`. */
    sessionOptions?: string;
    /** Connections in Tandem's pool. @defaultValue 20 */
    databasePoolSize?: number;
    /** The process's metrics. @defaultValue a registry of its own, without Node's metrics */
    metrics?: TandemMetrics;
    /** The pager's counter buckets, shortened with its windows. @defaultValue 60000 */
    signalBucketMs?: number;
    /**
     * `pgbouncer`: Tandem connects through a PgBouncer of the test's own in transaction mode (the
     * database is migrated already, directly), with named statements off unless `namedStatements`.
     */
    pooler?: 'pgbouncer';
    /** The pooler's settings. */
    pgBouncer?: PgBouncerOptions;
    /** @defaultValue true, false through a pooler */
    namedStatements?: boolean;
    /** A migrated database of the test's own (on a server it can stop); a fresh copy of the template otherwise. */
    database?: TestDatabase;
  } = {},
): Promise<TestTandem> {
  const database = options.database ?? (await createTestDatabase());
  const prefix = options.hashTagPrefix ? `{${uniqueQueuePrefix()}}` : uniqueQueuePrefix();
  const pgBouncer =
    options.pooler === 'pgbouncer' ? await startPgBouncer(database.url, options.pgBouncer) : undefined;
  const databaseUrl = new URL(pgBouncer?.url ?? database.url);
  if (options.sessionOptions) databaseUrl.searchParams.set('options', options.sessionOptions);
  const services = openServices({
    databaseUrl: databaseUrl.toString(),
    databasePoolSize: options.databasePoolSize ?? 20,
    databaseNamedStatements: options.namedStatements ?? !pgBouncer,
    redisUrl: options.redisUrl ?? testRedisUrl,
    queuePrefix: prefix,
    syncAttempts: options.attempts ?? 3,
    syncBackoffMs: options.backoffMs ?? 50,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ports: options.ports,
    metrics: options.metrics,
    signalBucketMs: options.signalBucketMs,
  });
  if (options.seed !== false) await seedEconomyDefaults(services.db.prisma);
  const started: SyncWorkers[] = [];
  return {
    ...services,
    database,
    databaseUrl: databaseUrl.toString(),
    ...(pgBouncer ? { pgBouncer } : {}),
    prefix,
    startWorkers(workerOptions = {}) {
      const workers = startSyncWorkers(services, {
        connection: services.workerRedis,
        prefix,
        concurrency: workerOptions.concurrency ?? 8,
        lockDurationMs: workerOptions.lockDurationMs,
        stalledIntervalMs: workerOptions.stalledIntervalMs,
        platformPerSecond: 100,
        notificationsPerSecond: 100,
        maintenance: {
          retention: { completedDays: 30, failedDays: 7 },
          reconcile: { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 },
          outboxStaleAfterMs: 0,
          alerts: workerOptions.alerts,
        },
      });
      started.push(workers);
      return workers;
    },
    async createPlayer(displayName = 'Player') {
      const player = await services.db.prisma.player.create({ data: { displayName } });
      return player.id;
    },
    async settle(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await services.db.pool.query(
          `SELECT count(*)::int AS open FROM sync_events WHERE status IN ('pending', 'processing')`,
        );
        // Notices are jobs of their own, queued as events complete and written out when sent: an
        // event closed does not mean its message has arrived.
        const notices = await services.queues.notifications.getJobCounts('waiting', 'active', 'prioritized');
        const unsent = (notices.waiting ?? 0) + (notices.active ?? 0) + (notices.prioritized ?? 0);
        if (rows[0].open === 0 && unsent === 0) return;
        if (Date.now() > deadline)
          throw new Error(
            `${rows[0].open} sync events still open, ${unsent} notices unsent after ${timeoutMs} ms`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await Promise.all(started.map((w) => w.close()));
      for (const queue of services.queues.all()) await queue.obliterate({ force: true }).catch(() => {});
      await services.close();
      await pgBouncer?.stop();
      await database.drop();
    },
  };
}
