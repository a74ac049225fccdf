import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '../../redis/connection.ts';
import type { Queues } from '../queues.ts';

export interface ScheduleOptions {
  /** @defaultValue 900000 (15 minutes) */
  reconcileEveryMs: number;
  /** Cron pattern. @defaultValue `0 4 * * *` */
  cleanupPattern: string;
  /** @defaultValue 5000 */
  outboxRelayEveryMs: number;
  /** How often ended seasons are looked for (src/seasons). @defaultValue 60000 */
  closeSeasonsEveryMs?: number;
}

export const schedulerIds = {
  reconcile: 'reconcile',
  cleanup: 'cleanup',
  outboxRelay: 'outbox-relay',
  closeSeasons: 'close-seasons',
  shopTick: 'shop-tick',
} as const;

/**
 * Upserts the repeatable jobs. Concurrent upserts from several processes can leave a scheduler
 * missing or doubled (a known BullMQ issue), so every process that starts takes the same short
 * Redis lock first: one at a time, re-upserting is idempotent.
 */
export async function upsertSchedulers(
  queues: Queues,
  redis: RedisConnection,
  prefix: string,
  options: ScheduleOptions,
): Promise<void> {
  // At start the producer connection (the queues' own, which `redis` is in Tandem) may still be
  // connecting, and it refuses commands until then (no offline queue): wait rather than fail.
  await queues.maintenance.waitUntilReady();
  const lockKey = `${prefix}:schedulers-lock`;
  // Unique per call: two upserts of one process in the same millisecond must not share a token.
  const token = randomUUID();
  for (let waited = 0; ; waited += 100) {
    if ((await redis.set(lockKey, token, 'PX', 10_000, 'NX')) === 'OK') break;
    if (waited > 15_000) throw new Error('Could not take the scheduler lock within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    const { maintenance } = queues;
    await maintenance.upsertJobScheduler(
      schedulerIds.reconcile,
      { every: options.reconcileEveryMs },
      { name: 'reconcile', data: { task: 'reconcile' } },
    );
    await maintenance.upsertJobScheduler(
      schedulerIds.cleanup,
      { pattern: options.cleanupPattern, tz: 'UTC' },
      { name: 'cleanup', data: { task: 'cleanup' } },
    );
    await maintenance.upsertJobScheduler(
      schedulerIds.outboxRelay,
      { every: options.outboxRelayEveryMs },
      { name: 'outbox-relay', data: { task: 'outbox-relay' } },
    );
    await maintenance.upsertJobScheduler(
      schedulerIds.closeSeasons,
      { every: options.closeSeasonsEveryMs ?? 60_000 },
      { name: 'close-seasons', data: { task: 'close-seasons' } },
    );
    // The shop's fallback for lost grant and revoke jobs (maintenance/shop-tick.ts).
    await maintenance.upsertJobScheduler(
      schedulerIds.shopTick,
      { every: 60_000 },
      { name: 'shop-tick', data: { task: 'shop-tick' } },
    );
  } finally {
    // Release only our own lock (it may have expired and been taken by another process).
    await redis.eval(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
      1,
      lockKey,
      token,
    );
  }
}
