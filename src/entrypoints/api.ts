// `npm run api`: the admin API alone (REST, panel, Bull Board, socket.io, probes and
// metrics). Run as many copies as needed behind a load balancer, all on the same Redis and
// PostgreSQL: sessions live in Redis and socket.io agrees across processes through its Redis adapter.
import { adminApiSettings } from '../admin-api/api-settings.ts';
import { startAdminApi } from '../admin-api/app.ts';
import { ensureFirstAdmin, refuseWeakAdminPassword } from '../admin-api/auth/first-admin.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { adminApiPorts } from '../runtime/admin-api-ports.ts';
import { allChecksPass, dependencyChecks } from '../runtime/process-probes.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices } from '../runtime/sync-runtime.ts';

const config = loadConfig();
await refuseWeakAdminPassword(config);
const logger = createLogger(config.LOG_LEVEL, 'tandem-api', config.LOG_FORMAT);
if (!config.DATABASE_URL || !config.REDIS_URL) {
  logger.fatal(
    'The API needs DATABASE_URL and REDIS_URL; `npm start` runs everything with embedded defaults.',
  );
  process.exit(2);
}
// The Discord server's roles and channels, for the panel's pickers and the checks at save.
const metrics = createProcessMetrics({ process: 'api', nodeMetrics: true });
const ports = adminApiPorts(config, { metrics: metrics.platformCalls });
const services = openConfiguredServices(
  config,
  { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL },
  logger,
  ports,
  metrics,
);
const firstAdmin = await ensureFirstAdmin(services, config);
const api = await startAdminApi(services, { ...adminApiSettings(config), metrics });
metrics.readiness.follow(() => allChecksPass(dependencyChecks(services)));
handleShutdown(logger, [
  ['http', () => api.close()],
  ['platform clients', () => ports.close()],
  ['connections', () => services.close()],
]);
logger.info({ url: api.url }, 'admin API running');
// Printed, not logged: the one-time password must not end up in log storage.
if (firstAdmin?.oneTimePassword)
  process.stdout.write(`
  First admin  ${firstAdmin.username} / ${firstAdmin.oneTimePassword}
               A one-time password, shown only now: sign in at ${api.url}/admin/ and choose your own.
`);
