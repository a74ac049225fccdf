import type { Config } from '../config.ts';
import { subscribeToChanges } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { observeWorkers } from '../metrics/job-metrics.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';
import { upsertSchedulers } from '../sync/maintenance/schedulers.ts';
import type { PlatformPorts } from '../sync/ports.ts';
import { type SyncWorkers, startSyncWorkers } from '../sync/workers.ts';
import { openServices, type Services } from './services.ts';

/** The services of a process, opened from the settings. */
export function openConfiguredServices(
  config: Config,
  urls: { databaseUrl: string; redisUrl: string },
  logger: Logger,
  ports?: PlatformPorts,
  /** The process's metrics, built by its entrypoint. @defaultValue a registry nobody serves */
  metrics?: TandemMetrics,
): Services {
  return openServices({
    databaseUrl: urls.databaseUrl,
    databasePoolSize: config.DATABASE_POOL_SIZE,
    databaseNamedStatements: config.DATABASE_NAMED_STATEMENTS,
    redisUrl: urls.redisUrl,
    queuePrefix: config.QUEUE_PREFIX,
    syncAttempts: config.SYNC_ATTEMPTS,
    syncBackoffMs: config.SYNC_BACKOFF_MS,
    logger,
    ports,
    metrics,
  });
}

/**
 * Upserts the schedulers and starts every queue's worker in this process. The workers read the rank
 * table, achievements and earning settings from caches; an admin's edit announced on the change feed
 * drops them at once (without it they would catch up when they expire, after up to a minute).
 */
export async function startWorkerRole(config: Config, services: Services): Promise<SyncWorkers> {
  const subscription = await subscribeToChanges(
    services.redisUrl,
    services.queuePrefix,
    (change) => {
      if (change.entity === 'ranks' || change.entity === 'achievements') services.catalog.invalidate();
      services.settings.onChange(change);
      services.texts.onChange(change);
    },
    services.logger,
  );
  await upsertSchedulers(services.queues, services.redis, config.QUEUE_PREFIX, {
    reconcileEveryMs: config.RECONCILE_EVERY_MS,
    cleanupPattern: config.CLEANUP_PATTERN,
    outboxRelayEveryMs: config.OUTBOX_RELAY_EVERY_MS,
  });
  const workers = startSyncWorkers(services, {
    connection: services.workerRedis,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    maintenance: {
      retention: { completedDays: config.RETENTION_COMPLETED_DAYS, failedDays: config.RETENTION_FAILED_DAYS },
      reconcile: { roleDriftPolicy: config.ROLE_DRIFT_POLICY, stuckAfterMs: 5 * 60_000 },
      outboxStaleAfterMs: config.OUTBOX_STALE_AFTER_MS,
    },
  });
  // Only this process sees its workers' attempts: they are counted in its own registry.
  const stopObserving = observeWorkers(workers, services.metrics.registry);
  return {
    ...workers,
    async close(force?: boolean) {
      stopObserving();
      await subscription.close();
      await workers.close(force);
    },
  };
}
