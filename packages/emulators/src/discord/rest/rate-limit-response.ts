import type { Response } from 'express';
import { sendJson } from '../http/json-response.ts';
import type { BucketState } from '../ratelimit/rate-limiter.ts';

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** `X-RateLimit-*` headers for a bucket, on every response of a limited route. */
export function setBucketHeaders(
  res: Response,
  bucket: Pick<BucketState, 'hash' | 'limit' | 'remaining' | 'resetAt'>,
  now: number,
): void {
  res.setHeader('X-RateLimit-Limit', String(bucket.limit));
  res.setHeader('X-RateLimit-Remaining', String(bucket.remaining));
  res.setHeader('X-RateLimit-Reset', seconds(bucket.resetAt));
  res.setHeader('X-RateLimit-Reset-After', seconds(bucket.resetAt - now));
  res.setHeader('X-RateLimit-Bucket', bucket.hash);
}

/**
 * A 429 as Discord sends it: `retry_after` in seconds (float) in the body, `Retry-After` in
 * whole seconds, `X-RateLimit-Scope`, and for the global limit `X-RateLimit-Global` without
 * bucket headers.
 */
export function sendRateLimited(
  res: Response,
  options: { resetAt: number; now: number; global: boolean; scope: 'user' | 'global' | 'shared' },
): void {
  const retryAfterMs = Math.max(1, options.resetAt - options.now);
  res.setHeader('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
  res.setHeader('X-RateLimit-Scope', options.scope);
  if (options.global) res.setHeader('X-RateLimit-Global', 'true');
  sendJson(res, 429, {
    message: 'You are being rate limited.',
    retry_after: Number((retryAfterMs / 1000).toFixed(3)),
    global: options.global,
  });
}
