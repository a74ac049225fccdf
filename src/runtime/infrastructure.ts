import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from '../local-servers/embedded-postgres.ts';
import { startPrivateRedis } from '../local-servers/private-redis.ts';
import type { Logger } from '../logging/logger.ts';

export interface Infrastructure {
  databaseUrl: string;
  /** PostgreSQL itself, for the migration runner: DATABASE_DIRECT_URL, else `databaseUrl`. */
  directDatabaseUrl: string;
  redisUrl: string;
  /** What runs embedded, for the start banner. */
  embedded: { postgres: boolean; redis: boolean };
  /** Where the embedded PostgreSQL keeps its data, for the start banner. */
  postgresData?: { dataDir: string; blockedFolder?: string };
  stop(): Promise<void>;
}

/**
 * The configured PostgreSQL and Redis, or, where none is configured, an embedded PostgreSQL and a
 * private redis-server under DATA_DIR: the zero-configuration start of a single machine.
 */
export async function provideInfrastructure(config: Config, logger: Logger): Promise<Infrastructure> {
  const dataDir = resolve(config.DATA_DIR);
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.DATABASE_URL;
    let postgresData: Infrastructure['postgresData'];
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), logger });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
      postgresData = {
        dataDir: pg.dataDir,
        ...(pg.blockedFolder ? { blockedFolder: pg.blockedFolder } : {}),
      };
    }
    let redisUrl = config.REDIS_URL;
    if (!redisUrl) {
      const redis = await startPrivateRedis({ dataDir: join(dataDir, 'redis'), logger });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
    }
    return {
      databaseUrl,
      directDatabaseUrl: config.DATABASE_DIRECT_URL ?? databaseUrl,
      redisUrl,
      embedded: { postgres: !config.DATABASE_URL, redis: !config.REDIS_URL },
      ...(postgresData ? { postgresData } : {}),
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}
