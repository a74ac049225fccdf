// `npm start`: the whole of Tandem in one process for a single machine. With nothing configured it
// runs an embedded PostgreSQL and a private Redis under DATA_DIR, and, with no bot token, the
// sandbox: both platform emulators with the real bots connected to them and a demo community.

import { adminApiSettings } from '../admin-api/api-settings.ts';
import { startAdminApi } from '../admin-api/app.ts';
import { ensureFirstAdmin, refuseWeakAdminPassword } from '../admin-api/auth/first-admin.ts';
import { seedEconomyDefaults } from '../catalog/seed.ts';
import { loadConfig } from '../config.ts';
import { seedDemoContent } from '../content/demo-content.ts';
import { redacted } from '../core/redis-address.ts';
import { applyMigrations } from '../db/migrations.ts';
import { createLogger, redactUrl } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { createPlatformPorts } from '../platforms/platform-ports.ts';
import { startBots } from '../runtime/bot-runtime.ts';
import { botRuntimeSettings } from '../runtime/bot-settings.ts';
import { provideInfrastructure } from '../runtime/infrastructure.ts';
import { configuredPlatforms } from '../runtime/platform-endpoints.ts';
import { startProcessHeartbeat } from '../runtime/process-heartbeat.ts';
import { checksPass, dependencyChecks } from '../runtime/process-probes.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { startBanner } from '../runtime/start-banner.ts';
import { openConfiguredServices, startWorkerRole } from '../runtime/sync-runtime.ts';
import { seedSandboxCommunityLife } from '../sandbox/seed-community-life.ts';
import { seedSandboxCommunity } from '../sandbox/seed-sandbox-community.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';

const config = loadConfig();
await refuseWeakAdminPassword(config);
const logger = createLogger(config.LOG_LEVEL, 'tandem', config.LOG_FORMAT);
const infrastructure = await provideInfrastructure(config, logger);
const applied = await applyMigrations(infrastructure.directDatabaseUrl);
const configured = configuredPlatforms(config);
const adminUrl = `http://localhost:${config.PORT}`;
const sandbox = configured
  ? null
  : await startSandbox({
      sandboxPort: config.SANDBOX_PORT,
      dataDir: config.DATA_DIR,
      logger,
      links: [
        { label: 'Admin panel', url: `${adminUrl}/admin/` },
        { label: 'Queues', url: `${adminUrl}/admin/queues` },
      ],
    });
const platforms = configured ?? sandbox!.platforms;
// One registry for every role this process runs: the API's /metrics serves it all.
const metrics = createProcessMetrics({ process: 'start', nodeMetrics: true });
const ports = createPlatformPorts(platforms, { metrics: metrics.platformCalls });
const services = openConfiguredServices(config, infrastructure, logger, ports, metrics);
const seeded = await seedEconomyDefaults(services.db.prisma);
await seedDemoContent(services.db.prisma);
if (sandbox) {
  await seedSandboxCommunity(services, sandbox.emulators.demo);
  await seedSandboxCommunityLife(services, sandbox.emulators.demo);
}
const firstAdmin = await ensureFirstAdmin(services, config);
const workers = await startWorkerRole(config, services);
// The sandbox's bot has the emulator's token: the Mini App's init data is signed with it.
const api = await startAdminApi(services, {
  ...adminApiSettings(config),
  telegramBotToken: platforms.telegram?.token,
  metrics,
});
// In the sandbox the emulator opens the Mini App from this machine, over plain http.
const botOptions = {
  ...botRuntimeSettings(config),
  ...(sandbox ? { telegramMiniAppUrl: `http://localhost:${new URL(api.url).port}/app/` } : {}),
};
const bots = await startBots(services, platforms, botOptions);
metrics.readiness.follow(() =>
  checksPass({
    ...dependencyChecks(services),
    workers: () => workers.workers.every((worker) => worker.isRunning()),
    ...(bots.telegram ? { telegram: () => bots.telegram?.receiving() ?? false } : {}),
    ...(bots.discord ? { discord: () => bots.discord?.client.isReady() ?? false } : {}),
  }),
);

const heartbeat = startProcessHeartbeat(
  services,
  'start',
  async () => workers.workers.every((worker) => worker.isRunning()) && checksPass(dependencyChecks(services)),
);
handleShutdown(logger, [
  ['bots', () => bots.stop()],
  ['http', () => api.close()],
  ['workers', () => workers.close()],
  ['platform clients', () => ports.close()],
  ['heartbeat', () => heartbeat.stop()],
  ['connections', () => services.close()],
  ['sandbox', async () => sandbox?.stop()],
  ['embedded services', () => infrastructure.stop()],
]);

logger.info({ migrationsApplied: applied.length, seeded, sandbox: sandbox !== null }, 'Tandem is running');
const telegramMode = config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling';
process.stdout.write(
  startBanner({
    apiBase: `http://localhost:${new URL(api.url).port}`,
    sandboxUrl: sandbox?.emulators.sandboxUrl,
    telegram: platforms.telegram ? telegramMode : 'off (no TELEGRAM_BOT_TOKEN)',
    discord: platforms.discord ? `guild ${platforms.discord.guildId}` : 'off (no DISCORD_BOT_TOKEN)',
    firstAdmin: firstAdmin?.oneTimePassword
      ? { username: firstAdmin.username, oneTimePassword: firstAdmin.oneTimePassword }
      : undefined,
    miniAppUrl: botOptions.telegramMiniAppUrl,
    databaseUrl: redactUrl(infrastructure.databaseUrl),
    embeddedPostgres: infrastructure.postgresData,
    redisUrl: redacted(infrastructure.redisUrl),
    privateRedis: infrastructure.embedded.redis,
  }),
);
