import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { applyMigrations } from '../db/migrations.ts';
import { startEmbeddedPostgres } from '../local-servers/embedded-postgres.ts';
import { startPrivateRedis } from '../local-servers/private-redis.ts';
import {
  findRunningEmbeddedPostgres,
  findRunningPrivateRedis,
  type LocalServerSource,
} from '../local-servers/running-local-servers.ts';
import type { Logger } from '../logging/logger.ts';

export interface CommandInfrastructure {
  databaseUrl: string;
  redisUrl: string;
  sources: { postgres: LocalServerSource; redis: LocalServerSource };
  /** Stops the servers this command started; those of `npm start` and the configured ones stay. */
  stop(): Promise<void>;
}

export interface CommandInfrastructureOptions {
  /**
   * Applies the migrations to an embedded PostgreSQL the command started itself, as `npm start`
   * would (a clean clone has an empty one). @defaultValue false
   */
  migrate?: boolean;
}

/**
 * The PostgreSQL and Redis an operator command (`npm run doctor`, `import-xp`, `export-xp`) works
 * on, the same `npm start` runs on: the configured ones, else the embedded ones under DATA_DIR,
 * reused while `npm start` runs them (a second server may not open the same data folder) and
 * otherwise started for the command's duration, placed as `npm start` places them.
 */
export async function provideCommandInfrastructure(
  config: Config,
  logger: Logger,
  options: CommandInfrastructureOptions = {},
): Promise<CommandInfrastructure> {
  const dataDir = resolve(config.DATA_DIR);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => {});
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    let postgres: LocalServerSource = 'configured';
    if (!databaseUrl) {
      databaseUrl = await findRunningEmbeddedPostgres(join(dataDir, 'postgres'));
      postgres = 'running';
    }
    if (!databaseUrl) {
      const started = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), logger });
      stops.push(() => started.stop());
      databaseUrl = started.url;
      postgres = 'started';
      if (options.migrate) await applyMigrations(databaseUrl);
    }
    let redisUrl = config.REDIS_URL;
    let redis: LocalServerSource = 'configured';
    if (!redisUrl) {
      redisUrl = await findRunningPrivateRedis(join(dataDir, 'redis'));
      redis = 'running';
    }
    if (!redisUrl) {
      const started = await startPrivateRedis({ dataDir: join(dataDir, 'redis'), logger });
      stops.push(() => started.stop());
      redisUrl = started.url;
      redis = 'started';
    }
    return { databaseUrl, redisUrl, sources: { postgres, redis }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
