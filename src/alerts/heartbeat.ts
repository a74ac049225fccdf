import type { Logger } from '../logging/logger.ts';
import type { RedisConnection } from '../redis/connection.ts';
import { alertKeys } from './alert-signals.ts';
import { heartbeatEveryMs } from './pager-conditions.ts';

/** One process's last word: written every few seconds into one Redis hash, field = process name. */
export interface Heartbeat {
  /** api, worker, telegram, discord, or start (everything in one process). */
  role: string;
  /** When it was written (ms since the epoch). */
  at: number;
  /** Whether the process's readiness checks passed then (the same checks `/readyz` runs). */
  ready: boolean;
}

export interface HeartbeatOptions {
  redis: RedisConnection;
  prefix: string;
  /** Unique per process: hostname and pid. */
  name: string;
  role: string;
  /** The process's readiness, as its `/readyz` decides it. */
  ready: () => Promise<boolean>;
  logger: Logger;
  /** @defaultValue 15000 */
  everyMs?: number;
}

/**
 * Writes the process's heartbeat now and every `everyMs`. `stop()` removes it: a process that
 * shuts down on purpose is not "missing"; one that dies stops writing, and the evaluator notices.
 */
export function startHeartbeat(options: HeartbeatOptions): { stop(): Promise<void> } {
  const { heartbeats } = alertKeys(options.prefix);
  const beat = async () => {
    const ready = await options.ready().catch(() => false);
    const heartbeat: Heartbeat = { role: options.role, at: Date.now(), ready };
    await options.redis.hset(heartbeats, options.name, JSON.stringify(heartbeat));
  };
  const beatQuietly = () =>
    beat().catch((error) => options.logger.debug({ err: error }, 'could not write the heartbeat'));
  void beatQuietly();
  const timer = setInterval(beatQuietly, options.everyMs ?? heartbeatEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await options.redis.hdel(heartbeats, options.name).catch(() => {});
    },
  };
}

export async function readHeartbeats(
  redis: RedisConnection,
  prefix: string,
): Promise<Array<Heartbeat & { name: string }>> {
  const all = await redis.hgetall(alertKeys(prefix).heartbeats);
  return Object.entries(all).flatMap(([name, value]) => {
    try {
      const parsed = JSON.parse(value) as Heartbeat;
      return typeof parsed.at === 'number' ? [{ ...parsed, name, ready: parsed.ready === true }] : [];
    } catch {
      return [];
    }
  });
}

/** Drops processes silent longer than `forgetMs` (scaled away or replaced). */
export async function forgetHeartbeats(
  redis: RedisConnection,
  prefix: string,
  names: string[],
): Promise<void> {
  if (names.length) await redis.hdel(alertKeys(prefix).heartbeats, ...names);
}
