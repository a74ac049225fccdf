import type pg from 'pg';
import type { RedisConnection } from '../../redis/connection.ts';
import { servesInstallKeys } from '../../redis/serves-install.ts';

export interface Readiness {
  postgres: boolean;
  redis: boolean;
}

/** A check that does not answer within this long counts as down: a hung dependency must not hang the probe. */
const checkTimeoutMs = 2000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), checkTimeoutMs).unref()),
  ]);
}

const succeeds = (promise: Promise<unknown>) =>
  within(promise).then(
    () => true,
    () => false,
  );

const holds = (promise: Promise<boolean>) =>
  within(promise).then(
    (answer) => answer,
    () => false,
  );

/** Whether PostgreSQL answers, and Redis serves the install's keys (under `prefix`), right now. */
export async function checkReadiness(deps: {
  pool: pg.Pool;
  redis: RedisConnection;
  prefix: string;
}): Promise<Readiness> {
  const [postgres, redis] = await Promise.all([
    succeeds(deps.pool.query('SELECT 1')),
    holds(servesInstallKeys(deps.redis, deps.prefix)),
  ]);
  return { postgres, redis };
}
