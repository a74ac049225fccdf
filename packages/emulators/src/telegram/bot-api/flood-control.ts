import type { ChatLimits } from '../options.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface BucketSpec {
  key: string;
  capacity: number;
  /** Tokens regained per millisecond. */
  refillPerMs: number;
}

/**
 * Telegram's flood limits as token buckets per bot: one per chat, one more per group, one across all
 * chats. A message goes out only if every bucket it touches has a token; otherwise the answer is the
 * whole seconds until they all do (the 429's `retry_after`). `now` is injected for tests.
 */
export class FloodControl {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    public limits: ChatLimits,
    public enforce: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for a message from `botId` into `chatId`; answers retry_after seconds when refused. */
  take(botId: number, chatId: number, isGroup: boolean): number | undefined {
    if (!this.enforce) return undefined;
    const specs = this.specsFor(botId, chatId, isGroup);
    const now = this.now();
    const waits = specs.map((spec) => {
      const bucket = this.refill(spec, now);
      return bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / spec.refillPerMs;
    });
    const waitMs = Math.max(...waits);
    // The epsilon keeps float error (2000.0000001 ms) from adding a second.
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000 - 1e-6));
    for (const spec of specs) {
      const bucket = this.buckets.get(spec.key);
      if (bucket) bucket.tokens -= 1;
    }
    return undefined;
  }

  reset(): void {
    this.buckets.clear();
  }

  private specsFor(botId: number, chatId: number, isGroup: boolean): BucketSpec[] {
    const { perChatPerSecond, perGroupPerMinute, globalPerSecond, burst } = this.limits;
    const specs: BucketSpec[] = [
      { key: `${botId}:*`, capacity: Math.max(burst, globalPerSecond), refillPerMs: globalPerSecond / 1000 },
      { key: `${botId}:${chatId}`, capacity: burst, refillPerMs: perChatPerSecond / 1000 },
    ];
    if (isGroup) {
      specs.push({ key: `${botId}:${chatId}:min`, capacity: burst, refillPerMs: perGroupPerMinute / 60_000 });
    }
    return specs;
  }

  private refill(spec: BucketSpec, now: number): Bucket {
    let bucket = this.buckets.get(spec.key);
    if (!bucket) {
      bucket = { tokens: spec.capacity, updatedAt: now };
      this.buckets.set(spec.key, bucket);
    }
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + (now - bucket.updatedAt) * spec.refillPerMs);
    bucket.updatedAt = now;
    return bucket;
  }
}
