import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import {
  findRunningEmbeddedPostgres,
  type LocalServerSource,
} from '../local-servers/running-local-servers.ts';
import type { DoctorSettings } from './run-doctor.ts';
import { findRunningSandbox } from './running-sandbox.ts';

type ProcessSettings = Pick<Config, 'SANDBOX_PORT'> & Omit<DoctorSettings, 'sources' | 'sandbox'>;

/**
 * The doctor's settings for a process with `config` whose PostgreSQL and Redis are at `servers`:
 * with no bot token, the sandbox's emulators when `npm start` runs them.
 */
export async function doctorSettingsFor(
  config: ProcessSettings,
  servers: {
    databaseUrl: string | undefined;
    redisUrl: string | undefined;
    sources: { postgres: LocalServerSource; redis: LocalServerSource };
  },
): Promise<DoctorSettings> {
  const sandbox =
    !config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN
      ? await findRunningSandbox(config.DATA_DIR, config.SANDBOX_PORT)
      : undefined;
  return {
    ...config,
    DATABASE_URL: servers.databaseUrl,
    REDIS_URL: servers.redisUrl,
    sources: servers.sources,
    ...(sandbox ? { sandbox } : {}),
  };
}

/**
 * The doctor's settings for the process that serves the panel: the Redis it is connected to, the
 * database it opened (DATABASE_URL, else the embedded one `npm start` runs, in this very process).
 */
export async function doctorSettingsOfServingProcess(
  config: ProcessSettings,
  redisUrl: string,
): Promise<DoctorSettings> {
  const databaseUrl =
    config.DATABASE_URL ?? (await findRunningEmbeddedPostgres(join(resolve(config.DATA_DIR), 'postgres')));
  return doctorSettingsFor(config, {
    databaseUrl,
    redisUrl,
    sources: {
      postgres: config.DATABASE_URL ? 'configured' : 'running',
      redis: config.REDIS_URL ? 'configured' : 'running',
    },
  });
}
