// `npm run worker`: every queue's worker, the schedulers and the outbox relay. Run as many copies as
// the load needs, all on the same Redis and PostgreSQL. Probes and metrics on HEALTH_PORT.
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { createPlatformPorts } from '../platforms/platform-ports.ts';
import { configuredPlatforms } from '../runtime/platform-endpoints.ts';
import { dependencyChecks, startProcessProbes } from '../runtime/process-probes.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices, startWorkerRole } from '../runtime/sync-runtime.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem-worker', config.LOG_FORMAT);
if (!config.DATABASE_URL || !config.REDIS_URL) {
  logger.fatal(
    'The worker needs DATABASE_URL and REDIS_URL; `npm start` runs everything with embedded defaults.',
  );
  process.exit(2);
}
const metrics = createProcessMetrics({ process: 'worker', nodeMetrics: true });
const probes = await startProcessProbes({ port: config.HEALTH_PORT, logger, metrics });
// Role edits and notices go out from here, over the platforms' REST APIs (no gateway needed).
const ports = createPlatformPorts(configuredPlatforms(config) ?? { telegram: null, discord: null }, {
  metrics: metrics.platformCalls,
});
const services = openConfiguredServices(
  config,
  { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL },
  logger,
  ports,
  metrics,
);
const workers = await startWorkerRole(config, services);
probes.ready({
  ...dependencyChecks(services),
  workers: () => workers.workers.every((worker) => worker.isRunning()),
});
handleShutdown(logger, [
  // Not ready from the first moment, alive to the last: an orchestrator waits instead of killing.
  ['readiness', async () => probes.stopping()],
  ['workers', () => workers.close()],
  ['platform clients', () => ports.close()],
  ['connections', () => services.close()],
  ['probes', () => probes.close()],
]);
logger.info({ concurrency: config.WORKER_CONCURRENCY, probes: probes.url }, 'worker running');
