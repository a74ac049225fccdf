import { LRUCache } from 'lru-cache';

/**
 * One value read on every event or message and changed rarely, loaded on demand and kept in memory.
 * Callers asking while a load runs share it; a failed load is not kept, so the next call tries again;
 * `drop()` forgets the value at once (a change was announced), and a load running then still answers
 * its callers but is not kept.
 */
export interface CachedValue<T> {
  get(): Promise<T>;
  drop(): void;
}

export interface CachedValueOptions {
  /** How long a loaded value is served without a change being announced. @defaultValue 60000 */
  ttlMs?: number;
  /** The clock in whole milliseconds, for tests. @defaultValue Date.now */
  now?: () => number;
}

const key = 'value';

export function cachedValue<T extends {}>(
  load: () => Promise<T>,
  { ttlMs = 60_000, now = Date.now }: CachedValueOptions = {},
): CachedValue<T> {
  const cache = new LRUCache<typeof key, T>({
    max: 1,
    // lru-cache serves an entry until it is older than `ttl`; the value here is reloaded once it is
    // `ttlMs` old, on a clock of whole milliseconds.
    ttl: Math.max(1, ttlMs - 1),
    perf: { now },
    // Read the clock on every call rather than once per millisecond: a test's clock moves in between.
    ttlResolution: 0,
    // A drop during a load must not fail the callers waiting for it; the value is answered, not kept.
    ignoreFetchAbort: true,
    fetchMethod: load,
  });
  return {
    async get() {
      const value = await cache.fetch(key);
      // fetch answers undefined only when the load does, which its type rules out.
      return value as T;
    },
    drop() {
      cache.clear();
    },
  };
}
