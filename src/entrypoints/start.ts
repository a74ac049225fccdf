// `npm start`: the whole of Tandem in one process for a single machine. With nothing configured it
// runs an embedded PostgreSQL and a private Redis under DATA_DIR.
import type { Server } from 'node:http';
import { loadConfig } from '../config.ts';
import { applyMigrations } from '../db/migrations.ts';
import { seedEconomyDefaults } from '../economy/seed.ts';
import { startStatusServer } from '../http/status-server.ts';
import { createLogger, redactUrl } from '../logging/logger.ts';
import { provideInfrastructure } from '../runtime/infrastructure.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices, startWorkerRole } from '../runtime/sync-runtime.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem');
const infrastructure = await provideInfrastructure(config, logger);
const applied = await applyMigrations(infrastructure.databaseUrl);
const services = openConfiguredServices(config, infrastructure, logger);
const seeded = await seedEconomyDefaults(services.db.prisma);
const workers = await startWorkerRole(config, services);
const server: Server = await startStatusServer(services, config.PORT);

handleShutdown(logger, [
  ['http', () => new Promise<void>((resolve) => server.close(() => resolve()))],
  ['workers', () => workers.close()],
  ['connections', () => services.close()],
  ['embedded services', () => infrastructure.stop()],
]);

const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const base = `http://localhost:${port}`;
logger.info({ migrationsApplied: applied.length, seeded }, 'Tandem is running');
process.stdout.write(`
Tandem is running.
  Status       ${base}/status   (sync events and queue depths)
  Health       ${base}/healthz  ${base}/readyz
  PostgreSQL   ${infrastructure.embedded.postgres ? 'embedded, ' : ''}${redactUrl(infrastructure.databaseUrl)}
  Redis        ${infrastructure.embedded.redis ? 'private, ' : ''}${infrastructure.redisUrl}
  Stop with Ctrl+C.
`);
