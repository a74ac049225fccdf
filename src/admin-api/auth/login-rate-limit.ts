import type { RedisConnection } from '../../redis/connection.ts';

export interface LoginRateLimitOptions {
  /** Failed sign-ins allowed per address and username within the window. @defaultValue 5 */
  perUsername?: number;
  /** Failed sign-ins allowed per address, whatever the username. @defaultValue 30 */
  perAddress?: number;
  /** @defaultValue 900 (15 minutes) */
  windowSeconds?: number;
}

export interface LoginRateLimit {
  /**
   * Counts a try as failed before its password is checked: 0 when the try may go ahead, or the
   * seconds until one is allowed (nothing counted then). Reserving first is what keeps parallel
   * guesses within the limit: a check-then-count lets every request of a burst pass the check.
   */
  reserve(address: string, username: string): Promise<number>;
  /**
   * The reserved try succeeded: it is given back to the address, and the username's failures are
   * forgotten (a typo or two before the right password do not linger).
   */
  release(address: string, username: string): Promise<void>;
}

/**
 * KEYS: the address-and-username counter, the address counter. ARGV: their limits, the window.
 * Refuses with the longest wait of the counters at their limit; otherwise counts the try on both,
 * starting a counter's window with its first try.
 */
const reserveScript = `
local wait = 0
for i = 1, 2 do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[i]) then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl <= 0 then ttl = tonumber(ARGV[3]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[3]) end
end
return 0
`;

/** Gives the address its try back (never below zero) and forgets the username's failures. */
const releaseScript = `
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
redis.call('DEL', KEYS[1])
return 0
`;

/**
 * Failed sign-ins counted in Redis (shared by every API process) in a fixed window that starts with
 * the first try. Two limits: a few tries at one account from one address stop password guessing; a
 * larger total per address stops spraying many usernames. Each try is reserved atomically (one Lua
 * script) before the password is checked, so no burst of parallel requests gets more checks.
 */
export function createLoginRateLimit(
  redis: RedisConnection,
  prefix: string,
  options: LoginRateLimitOptions = {},
): LoginRateLimit {
  const perUsername = options.perUsername ?? 5;
  const perAddress = options.perAddress ?? 30;
  const window = options.windowSeconds ?? 900;
  // Usernames are compared case-insensitively so `Admin` and `admin` share one budget.
  const keysOf = (address: string, username: string) => [
    `${prefix}:login-failures:${address}:${username.toLowerCase()}`,
    `${prefix}:login-failures:${address}`,
  ];
  return {
    async reserve(address, username) {
      const wait = await redis.eval(
        reserveScript,
        2,
        ...keysOf(address, username),
        perUsername,
        perAddress,
        window,
      );
      return Number(wait);
    },
    async release(address, username) {
      await redis.eval(releaseScript, 2, ...keysOf(address, username));
    },
  };
}
