import { pino } from 'pino';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { type SyncWorkers, startSyncWorkers } from '../../src/sync/workers.ts';
import { type Experiment, rewriterFor } from './experiments.ts';
import { waitForRedis } from './infra.ts';
import { instrumentPool, type StatementStats } from './statements.ts';

/** Warnings and errors the engine logged (a dispatch that failed, a job that failed), counted. */
export interface LogTally {
  count: number;
  first: string[];
}

function countingLogger(tally: LogTally) {
  return pino(
    { level: process.env.BENCH_LOG_LEVEL ?? 'warn', base: null },
    {
      write(line: string) {
        tally.count++;
        if (tally.first.length < 5) tally.first.push(line.trim().slice(0, 300));
        if (process.env.BENCH_LOG_LEVEL) process.stderr.write(line);
      },
    },
  );
}

export interface BenchServices {
  services: Services;
  statements: StatementStats;
  logs: LogTally;
}

/** The engine's services as a Tandem process opens them, with the pool's statements counted. */
export async function openBenchServices(options: {
  databaseUrl: string;
  poolSize: number;
  /** DATABASE_NAMED_STATEMENTS. @defaultValue true */
  namedStatements?: boolean;
  redisUrl: string;
  prefix: string;
  profile: boolean;
  experiments?: Experiment[];
}): Promise<BenchServices> {
  const logs: LogTally = { count: 0, first: [] };
  const services = openServices({
    databaseUrl: options.databaseUrl,
    databasePoolSize: options.poolSize,
    databaseNamedStatements: options.namedStatements ?? true,
    redisUrl: options.redisUrl,
    queuePrefix: options.prefix,
    syncAttempts: 3,
    syncBackoffMs: 1000,
    logger: countingLogger(logs),
  });
  // Keep the pool's connections for the whole trial: a backend that idles out (10 s by default) takes
  // its CPU time with it, and the CPU accounting of the trial (bench/shared/cpu.ts) would miss it.
  (services.db.pool as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis = 0;
  const statements: StatementStats = new Map();
  const experiments = options.experiments ?? [];
  const rewrite = rewriterFor(experiments);
  if (options.profile || rewrite)
    instrumentPool(services.db.pool, { stats: options.profile ? statements : undefined, rewrite });
  // The producer connection fails fast while not connected: an event recorded before Redis is ready
  // would stay pending for the outbox relay (which the bench does not run).
  await Promise.all([waitForRedis(services.redis), waitForRedis(services.workerRedis)]);
  await Promise.all(services.queues.all().map((q) => q.waitUntilReady()));
  // Warm the pool and the catalog cache so the first events do not pay for connecting.
  await Promise.all(
    Array.from({ length: Math.min(options.poolSize, 8) }, () => services.db.pool.query('SELECT 1')),
  );
  await services.catalog.get();
  return { services, statements, logs };
}

/**
 * startSyncWorkers as a worker process runs it. The platform and notification limiters are raised:
 * the bench has no platform ports (nothing is sent), and at the production pace (5/s) the derived
 * rank and achievement events would take minutes to drain, measuring the limiter rather than the engine.
 */
export function startBenchWorkers(services: Services, prefix: string, concurrency: number): SyncWorkers {
  return startSyncWorkers(services, {
    connection: services.workerRedis,
    prefix,
    concurrency,
    platformPerSecond: 10_000,
    notificationsPerSecond: 10_000,
    maintenance: {
      retention: { completedDays: 30, failedDays: 7 },
      reconcile: { roleDriftPolicy: 'report', stuckAfterMs: 300_000 },
      outboxStaleAfterMs: 10_000,
    },
  });
}
