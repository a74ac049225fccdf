import type { RequestHandler } from 'express';
import type { RedisConnection } from '../../redis/connection.ts';
import { HttpError } from '../http/http-error.ts';

export interface PublicRateLimitOptions {
  /** @defaultValue 120 requests per address and window */
  limit?: number;
  /** @defaultValue 60 seconds */
  windowSeconds?: number;
}

/**
 * The public routes need no sign-in, so each client address gets a budget per window (a fixed
 * window counted in Redis, shared by every API process): enough for people paging the board, not
 * for a script reading it in a loop. Over it: 429 with Retry-After. If Redis is away the request is
 * served: the board is read-only and the database query is bounded.
 */
export function createPublicRateLimit(
  redis: RedisConnection,
  prefix: string,
  options: PublicRateLimitOptions = {},
): RequestHandler {
  const limit = options.limit ?? 120;
  const windowSeconds = options.windowSeconds ?? 60;
  return async (req, res, next) => {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const key = `${prefix}:public-rate:${req.ip ?? 'unknown'}:${window}`;
    let count: number;
    try {
      const [[, incremented]] = (await redis.multi().incr(key).expire(key, windowSeconds).exec()) as [
        [Error | null, number],
      ];
      count = incremented;
    } catch {
      return next();
    }
    if (count > limit) {
      res.setHeader('Retry-After', String(windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds)));
      throw new HttpError(429, 'Too many requests for the public leaderboard: wait a minute and try again.');
    }
    next();
  };
}
