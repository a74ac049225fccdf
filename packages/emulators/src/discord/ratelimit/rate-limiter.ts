import { type BucketLimit, type BucketName, bucketHash, DEFAULT_BUCKETS } from './buckets.ts';

export interface RateLimitOptions {
  /**
   * Requests per second per bot across all routes (interaction endpoints exempt).
   * @defaultValue 50
   */
  globalPerSecond?: number;
  /** Per-route bucket sizes, overriding {@link DEFAULT_BUCKETS} by name. */
  buckets?: Partial<Record<BucketName, BucketLimit>>;
  /**
   * When false, no limits and no rate-limit headers (discord.js then assumes no limit).
   * @defaultValue true
   */
  enabled?: boolean;
}

interface Window {
  count: number;
  resetAt: number;
}

/** State of a bucket after taking (or failing to take) one request from it. */
export interface BucketState {
  name: BucketName;
  hash: string;
  limit: number;
  remaining: number;
  resetAt: number;
  allowed: boolean;
}

export interface GlobalState {
  allowed: boolean;
  resetAt: number;
}

/** Fixed-window counters for the global limit and the per-route buckets. */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #buckets: Record<BucketName, BucketLimit>;
  readonly #globalPerSecond: number;
  readonly enabled: boolean;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number,
  ) {
    this.#buckets = { ...DEFAULT_BUCKETS, ...options.buckets };
    this.#globalPerSecond = options.globalPerSecond ?? 50;
    this.enabled = options.enabled ?? true;
  }

  #take(key: string, limit: BucketLimit): { window: Window; allowed: boolean } {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { count: 0, resetAt: now + limit.windowMs };
      this.#windows.set(key, window);
    }
    if (window.count >= limit.limit) return { window, allowed: false };
    window.count++;
    return { window, allowed: true };
  }

  takeGlobal(identity: string): GlobalState {
    const { window, allowed } = this.#take(`global:${identity}`, {
      limit: this.#globalPerSecond,
      windowMs: 1000,
    });
    return { allowed, resetAt: window.resetAt };
  }

  /** Takes one request from `name` for this bot and top-level resource. */
  takeBucket(name: BucketName, identity: string, majorParameter: string): BucketState {
    const limit = this.#buckets[name];
    const { window, allowed } = this.#take(`bucket:${name}:${identity}:${majorParameter}`, limit);
    return {
      name,
      hash: bucketHash(name),
      limit: limit.limit,
      remaining: Math.max(0, limit.limit - window.count),
      resetAt: window.resetAt,
      allowed,
    };
  }

  /** The bucket as it stands, without taking a request (for injected 429s). */
  peekBucket(name: BucketName): { hash: string; limit: number } {
    return { hash: bucketHash(name), limit: this.#buckets[name].limit };
  }

  reset(): void {
    this.#windows.clear();
  }
}
