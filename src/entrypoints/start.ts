// `npm start`: the whole of Tandem in one process for a single machine. With nothing configured it
// runs an embedded PostgreSQL and a private Redis under DATA_DIR, and, with no bot token, the
// sandbox: both platform emulators with the real bots connected to them and a demo community.
import { adminApiSettings } from '../admin-api/api-settings.ts';
import { startAdminApi } from '../admin-api/app.ts';
import { ensureFirstAdmin } from '../admin-api/auth/first-admin.ts';
import { observeWorkers } from '../admin-api/ops/worker-metrics.ts';
import { loadConfig } from '../config.ts';
import { seedDemoContent } from '../content/demo-content.ts';
import { applyMigrations } from '../db/migrations.ts';
import { seedEconomyDefaults } from '../economy/seed.ts';
import { createLogger, redactUrl } from '../logging/logger.ts';
import { createPlatformPorts } from '../platforms/platform-ports.ts';
import { startBots } from '../runtime/bot-runtime.ts';
import { botRuntimeSettings } from '../runtime/bot-settings.ts';
import { provideInfrastructure } from '../runtime/infrastructure.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices, startWorkerRole } from '../runtime/sync-runtime.ts';
import { configuredPlatforms } from '../sandbox/platform-endpoints.ts';
import { seedSandboxCommunity } from '../sandbox/seed-sandbox-community.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem');
const infrastructure = await provideInfrastructure(config, logger);
const applied = await applyMigrations(infrastructure.databaseUrl);
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
const ports = createPlatformPorts(platforms);
const services = openConfiguredServices(config, infrastructure, logger, ports);
const seeded = await seedEconomyDefaults(services.db.prisma);
await seedDemoContent(services.db.prisma);
if (sandbox) await seedSandboxCommunity(services, sandbox.emulators.demo);
const firstAdmin = await ensureFirstAdmin(services, config);
const workers = await startWorkerRole(config, services);
const api = await startAdminApi(services, adminApiSettings(config));
observeWorkers(workers, api.api.metrics);
const bots = await startBots(services, platforms, botRuntimeSettings(config));

handleShutdown(logger, [
  ['bots', () => bots.stop()],
  ['http', () => api.close()],
  ['workers', () => workers.close()],
  ['platform clients', () => ports.close()],
  ['connections', () => services.close()],
  ['sandbox', async () => sandbox?.stop()],
  ['embedded services', () => infrastructure.stop()],
]);

const base = `http://localhost:${new URL(api.url).port}`;
logger.info({ migrationsApplied: applied.length, seeded, sandbox: sandbox !== null }, 'Tandem is running');
const sandboxLines = sandbox
  ? `
  Sandbox      ${sandbox.emulators.sandboxUrl}   (act as a Telegram user and a Discord member)
               The bots run against Tandem's own Telegram and Discord emulators; set
               TELEGRAM_BOT_TOKEN / DISCORD_BOT_TOKEN to connect the real platforms.`
  : `
  Telegram     ${platforms.telegram ? (config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling') : 'off (no TELEGRAM_BOT_TOKEN)'}
  Discord      ${platforms.discord ? `guild ${platforms.discord.guildId}` : 'off (no DISCORD_BOT_TOKEN)'}`;
// Printed once, never logged: the generated first admin's password exists nowhere else.
const firstAdminLine = firstAdmin?.oneTimePassword
  ? `
               sign in as "${firstAdmin.username}" with the one-time password ${firstAdmin.oneTimePassword}
               (you will choose your own at the first sign-in; this is shown only once)`
  : '';
process.stdout.write(`
Tandem is running.${sandboxLines}
  Admin        ${base}/admin/${firstAdminLine}
  Queues       ${base}/admin/queues   (Bull Board: inspect and retry jobs)
  Health       ${base}/healthz  ${base}/readyz  ${base}/metrics
  PostgreSQL   ${infrastructure.embedded.postgres ? 'embedded, ' : ''}${redactUrl(infrastructure.databaseUrl)}
  Redis        ${infrastructure.embedded.redis ? 'private, ' : ''}${infrastructure.redisUrl}
  Stop with Ctrl+C.
`);
