import type { RateLimitOptions } from './ratelimit/rate-limiter.ts';

export interface DiscordEmulatorOptions {
  /**
   * TCP port for REST, gateway and control API; 0 picks a free one.
   * @defaultValue 0
   */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /**
   * HELLO `heartbeat_interval`. Tests use a small value (a few hundred ms) so heartbeats and
   * zombie detection happen within a test.
   * @defaultValue 41250 (Discord's)
   */
  heartbeatIntervalMs?: number;
  /**
   * Silence allowed beyond `heartbeatIntervalMs` (from HELLO, then from each heartbeat) before the
   * gateway closes the connection as a zombie with 4009, leaving the session resumable. Discord
   * publishes no figure; the default absorbs a busy client's late timers.
   * @defaultValue 5000
   */
  heartbeatGraceMs?: number;
  /**
   * Delay before every REST answer; changeable at run time with PUT /control/faults/latency.
   * @defaultValue 0
   */
  latencyMs?: number;
  /** Global and per-route limits (see ratelimit/buckets.ts for bucket names and sizes). */
  rateLimits?: RateLimitOptions;
  /**
   * Time a bot has to answer an interaction before Discord forgets it (then 10062).
   * @defaultValue 3000
   */
  interactionResponseTimeoutMs?: number;
  /**
   * How long an interaction token accepts edits and follow-ups.
   * @defaultValue 900000 (15 minutes)
   */
  interactionTokenLifetimeMs?: number;
  /**
   * Dispatches kept per gateway session for RESUME; a client further behind must identify again.
   * @defaultValue 1000
   */
  replayLimit?: number;
  /**
   * The clock snowflakes are cut from. A clock that counts up from a fixed instant while a world is
   * built gives that world the same ids on every start (the sandbox keeps its database between
   * runs); switching it back to real time afterwards keeps later ids unique across runs.
   * @defaultValue Date.now
   */
  idClock?: () => number;
}

export type ResolvedOptions = Required<Omit<DiscordEmulatorOptions, 'rateLimits' | 'idClock'>> & {
  rateLimits: RateLimitOptions;
};

export function resolveOptions(options: DiscordEmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    heartbeatGraceMs: options.heartbeatGraceMs ?? 5_000,
    latencyMs: options.latencyMs ?? 0,
    rateLimits: options.rateLimits ?? {},
    interactionResponseTimeoutMs: options.interactionResponseTimeoutMs ?? 3_000,
    interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
    replayLimit: options.replayLimit ?? 1000,
  };
}
