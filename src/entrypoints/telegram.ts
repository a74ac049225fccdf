// `npm run telegram`: the Telegram bot alone, on the same Redis and PostgreSQL as the workers.
// Long polling by default: exactly one copy may run (Telegram answers a second poller with 409).
// With TELEGRAM_WEBHOOK_URL it receives on TELEGRAM_WEBHOOK_PORT instead. Either way the bot only
// answers players; notices and role changes are sent by the workers. Probes and metrics on HEALTH_PORT.
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { startBots } from '../runtime/bot-runtime.ts';
import { botRuntimeSettings } from '../runtime/bot-settings.ts';
import { configuredPlatforms } from '../runtime/platform-endpoints.ts';
import { dependencyChecks, startProcessProbes } from '../runtime/process-probes.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices } from '../runtime/sync-runtime.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem-telegram', config.LOG_FORMAT);
const telegram = configuredPlatforms(config)?.telegram;
if (!config.DATABASE_URL || !config.REDIS_URL || !telegram) {
  logger.fatal(
    "The Telegram bot needs DATABASE_URL, REDIS_URL and TELEGRAM_BOT_TOKEN; `npm start` runs everything (with no token, on the sandbox's emulators).",
  );
  process.exit(2);
}
const metrics = createProcessMetrics({ process: 'telegram', nodeMetrics: true });
const probes = await startProcessProbes({ port: config.HEALTH_PORT, logger, metrics });
// The bot records changes and answers; it sends nothing through the platform ports.
const services = openConfiguredServices(
  config,
  { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL },
  logger,
  undefined,
  metrics,
);
const settings = botRuntimeSettings(config);
const bots = await startBots(services, { telegram, discord: null }, settings);
probes.ready({
  ...dependencyChecks(services),
  telegram: () => bots.telegram?.receiving() ?? false,
});
handleShutdown(logger, [
  ['readiness', async () => probes.stopping()],
  // Stops taking updates; the ones being handled are answered first.
  ['bot', () => bots.stop()],
  ['connections', () => services.close()],
  ['probes', () => probes.close()],
]);
logger.info(
  {
    updates: settings.telegramWebhook ? 'webhook' : 'long polling',
    ...(settings.telegramWebhook ? { webhookPort: settings.telegramWebhook.port } : {}),
    probes: probes.url,
  },
  'Telegram bot running',
);
