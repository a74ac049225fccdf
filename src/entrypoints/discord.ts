// `npm run discord`: the Discord bot alone (one gateway connection), on the same Redis and
// PostgreSQL as the workers. Run one copy: a second would get every event and interaction twice
// (the ledger keys keep XP right, but both would answer each slash command). Probes and metrics on
// HEALTH_PORT.
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { createPlatformPorts } from '../platforms/platform-ports.ts';
import { startBots } from '../runtime/bot-runtime.ts';
import { botRuntimeSettings } from '../runtime/bot-settings.ts';
import { configuredPlatforms } from '../runtime/platform-endpoints.ts';
import { dependencyChecks, startProcessProbes } from '../runtime/process-probes.ts';
import { handleShutdown } from '../runtime/shutdown.ts';
import { openConfiguredServices } from '../runtime/sync-runtime.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem-discord', config.LOG_FORMAT);
const discord = configuredPlatforms(config)?.discord;
if (!config.DATABASE_URL || !config.REDIS_URL || !discord) {
  logger.fatal(
    "The Discord bot needs DATABASE_URL, REDIS_URL, DISCORD_BOT_TOKEN and DISCORD_GUILD_ID; `npm start` runs everything (with no token, on the sandbox's emulators).",
  );
  process.exit(2);
}
const metrics = createProcessMetrics({ process: 'discord', nodeMetrics: true });
const probes = await startProcessProbes({ port: config.HEALTH_PORT, logger, metrics });
// `/sync` and a rank role changed by hand are put right from here, over Discord's REST API.
const ports = createPlatformPorts({ telegram: null, discord }, { metrics: metrics.platformCalls });
const services = openConfiguredServices(
  config,
  { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL },
  logger,
  ports,
  metrics,
);
const bots = await startBots(services, { telegram: null, discord }, botRuntimeSettings(config));
probes.ready({
  ...dependencyChecks(services),
  // False while the gateway reconnects; discord.js resumes by itself.
  discord: () => bots.discord?.client.isReady() ?? false,
});
handleShutdown(logger, [
  ['readiness', async () => probes.stopping()],
  // Stops the voice ticker, lets running handlers finish, leaves the gateway.
  ['bot', () => bots.stop()],
  ['platform clients', () => ports.close()],
  ['connections', () => services.close()],
  ['probes', () => probes.close()],
]);
logger.info({ guildId: discord.guildId, probes: probes.url }, 'Discord bot running');
