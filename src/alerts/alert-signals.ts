import type { RedisConnection } from '../redis/connection.ts';
import { activityWriteEveryMs } from './pager-conditions.ts';

/**
 * What the processes tell the evaluator through Redis, under the installation's prefix: when each
 * bot last received something from its platform, refusals and 429s per minute (buckets that expire),
 * and each process's readiness heartbeat. Recording never throws and never waits on Redis: a lost
 * signal costs an alert's precision, never a player's request.
 */
export type SignalPlatform = 'telegram' | 'discord';
export type CountedTrouble = 'role-refusals' | `rate-limited-${SignalPlatform}`;

/** Minute buckets live a little longer than the longest window read from them. */
const bucketTtlSeconds = 30 * 60;

export function alertKeys(prefix: string) {
  const base = `${prefix}:alerts`;
  return {
    lastReceived: (platform: SignalPlatform) => `${base}:last-received:${platform}`,
    bucket: (trouble: CountedTrouble, slot: number) => `${base}:count:${trouble}:${slot}`,
    heartbeats: `${base}:heartbeats`,
    conditions: `${base}:conditions`,
    evaluateLock: `${base}:evaluate-lock`,
  };
}

/** Counts are kept per minute; a test may use shorter buckets (the writer and the reader must agree). */
export const signalBucketMs = 60_000;

const slotOf = (ms: number, bucketMs: number) => Math.floor(ms / bucketMs);

export interface AlertSignals {
  /** The bot received an update or gateway event; written at most once per few seconds. */
  received(platform: SignalPlatform): void;
  /** One refusal or 429, counted in the current minute's bucket. */
  count(trouble: CountedTrouble): void;
}

export function createAlertSignals(
  redis: RedisConnection,
  prefix: string,
  options: {
    now?: () => number;
    /** @defaultValue 5000 */
    writeEveryMs?: number;
    /** @defaultValue 60000 */
    bucketMs?: number;
  } = {},
): AlertSignals {
  const keys = alertKeys(prefix);
  const now = options.now ?? Date.now;
  const writeEveryMs = options.writeEveryMs ?? activityWriteEveryMs;
  const lastWritten = new Map<SignalPlatform, number>();
  const ignore = () => {};
  return {
    received(platform) {
      const at = now();
      if (at - (lastWritten.get(platform) ?? 0) < writeEveryMs) return;
      lastWritten.set(platform, at);
      redis.set(keys.lastReceived(platform), String(at)).catch(ignore);
    },
    count(trouble) {
      const key = keys.bucket(trouble, slotOf(now(), options.bucketMs ?? signalBucketMs));
      redis.multi().incr(key).expire(key, bucketTtlSeconds).exec().catch(ignore);
    },
  };
}

/** Records nothing: for processes and tests that page nobody. */
export const silentSignals: AlertSignals = { received() {}, count() {} };

/** The sum of a trouble's buckets over the last `windowMs`, the current one included. */
export async function countInWindow(
  redis: RedisConnection,
  prefix: string,
  trouble: CountedTrouble,
  now: number,
  windowMs: number,
  bucketMs: number = signalBucketMs,
): Promise<number> {
  const keys = alertKeys(prefix);
  const last = slotOf(now, bucketMs);
  // The buckets that end inside the window: the oldest one may reach a little before it.
  const first = slotOf(now - windowMs + 1, bucketMs);
  const names = [];
  for (let slot = first; slot <= last; slot++) names.push(keys.bucket(trouble, slot));
  // One key at a time rather than MGET: in a Redis Cluster the buckets may sit in different slots.
  const values = await Promise.all(names.map((name) => redis.get(name)));
  return values.reduce((sum, value) => sum + (Number(value) || 0), 0);
}

export async function lastReceivedAt(
  redis: RedisConnection,
  prefix: string,
  platform: SignalPlatform,
): Promise<number | null> {
  const value = await redis.get(alertKeys(prefix).lastReceived(platform));
  return value ? Number(value) : null;
}
