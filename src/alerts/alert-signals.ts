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
    bucket: (trouble: CountedTrouble, minute: number) => `${base}:count:${trouble}:${minute}`,
    heartbeats: `${base}:heartbeats`,
    conditions: `${base}:conditions`,
    evaluateLock: `${base}:evaluate-lock`,
  };
}

export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

export interface AlertSignals {
  /** The bot received an update or gateway event; written at most once per few seconds. */
  received(platform: SignalPlatform): void;
  /** One refusal or 429, counted in the current minute's bucket. */
  count(trouble: CountedTrouble): void;
}

export function createAlertSignals(
  redis: RedisConnection,
  prefix: string,
  options: { now?: () => number; writeEveryMs?: number } = {},
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
      const key = keys.bucket(trouble, minuteOf(now()));
      redis.multi().incr(key).expire(key, bucketTtlSeconds).exec().catch(ignore);
    },
  };
}

/** Records nothing: for processes and tests that page nobody. */
export const silentSignals: AlertSignals = { received() {}, count() {} };

/** The sum of a trouble's minute buckets over the last `windowMs`, the current minute included. */
export async function countInWindow(
  redis: RedisConnection,
  prefix: string,
  trouble: CountedTrouble,
  now: number,
  windowMs: number,
): Promise<number> {
  const keys = alertKeys(prefix);
  const last = minuteOf(now);
  const first = minuteOf(now - windowMs);
  const names = [];
  for (let minute = first; minute <= last; minute++) names.push(keys.bucket(trouble, minute));
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
