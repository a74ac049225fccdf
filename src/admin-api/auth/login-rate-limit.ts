import type { Redis } from 'ioredis';

export interface LoginRateLimitOptions {
  /** Failed sign-ins allowed per address and username within the window. @defaultValue 5 */
  perUsername?: number;
  /** Failed sign-ins allowed per address, whatever the username. @defaultValue 30 */
  perAddress?: number;
  /** @defaultValue 900 (15 minutes) */
  windowSeconds?: number;
}

export interface LoginRateLimit {
  /** Seconds until another try is allowed, or 0 when one is allowed now. */
  blockedFor(address: string, username: string): Promise<number>;
  recordFailure(address: string, username: string): Promise<void>;
  /** A successful sign-in forgets the failures on that username (not the address's total). */
  recordSuccess(address: string, username: string): Promise<void>;
}

/**
 * Failed sign-ins counted in Redis (shared by every API process) in a fixed window that starts with
 * the first failure. Two limits: a few tries at one account from one address stop password guessing;
 * a larger total per address stops spraying many usernames.
 */
export function createLoginRateLimit(
  redis: Redis,
  prefix: string,
  options: LoginRateLimitOptions = {},
): LoginRateLimit {
  const perUsername = options.perUsername ?? 5;
  const perAddress = options.perAddress ?? 30;
  const window = options.windowSeconds ?? 900;
  // Usernames are compared case-insensitively so `Admin` and `admin` share one budget.
  const userKey = (address: string, username: string) =>
    `${prefix}:login-failures:${address}:${username.toLowerCase()}`;
  const addressKey = (address: string) => `${prefix}:login-failures:${address}`;
  return {
    async blockedFor(address, username) {
      const keys = [userKey(address, username), addressKey(address)];
      const limits = [perUsername, perAddress];
      const replies = await redis.multi().get(keys[0]!).ttl(keys[0]!).get(keys[1]!).ttl(keys[1]!).exec();
      let wait = 0;
      for (const i of [0, 1]) {
        const count = Number(replies?.[i * 2]?.[1] ?? 0);
        const ttl = Number(replies?.[i * 2 + 1]?.[1] ?? -2);
        if (count >= limits[i]!) wait = Math.max(wait, ttl > 0 ? ttl : window);
      }
      return wait;
    },
    async recordFailure(address, username) {
      const multi = redis.multi();
      // SET NX starts the window once (EXPIRE's NX flag would need Redis 7).
      for (const key of [userKey(address, username), addressKey(address)])
        multi.set(key, 0, 'EX', window, 'NX').incr(key);
      await multi.exec();
    },
    async recordSuccess(address, username) {
      await redis.del(userKey(address, username));
    },
  };
}
