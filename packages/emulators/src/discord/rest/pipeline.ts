import type { Request, Response, Router } from 'express';
import type { EmulatorContext } from '../actions/context.ts';
import { DiscordApiError, discordErrors } from '../errors.ts';
import type { FaultInjector, RestCallIdentity } from '../faults/fault-injector.ts';
import { sendJson } from '../http/json-response.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';
import { authenticate } from './auth.ts';
import { readBody } from './body.ts';
import { toDiscordApiError } from './error-response.ts';
import { assertSnowflakeParams } from './path-ids.ts';
import { sendRateLimited, setBucketHeaders } from './rate-limit-response.ts';
import type { RestCall, RestResult, RouteDefinition } from './rest-call.ts';

export interface RestDependencies {
  emulator: EmulatorContext;
  limiter: RateLimiter;
  faults: FaultInjector;
}

/** The top-level resource a bucket is counted per (Discord's "major parameter"). */
function majorParameter(params: Record<string, string>): string {
  if (params.guildId) return `guild:${params.guildId}`;
  if (params.channelId) return `channel:${params.channelId}`;
  if (params.applicationId && params.token) return `webhook:${params.applicationId}:${params.token}`;
  if (params.webhookId) return `webhook:${params.webhookId}`;
  if (params.applicationId) return `application:${params.applicationId}`;
  return '';
}

function auditLogReason(req: Request): string | null {
  const raw = req.headers['x-audit-log-reason'];
  if (typeof raw !== 'string') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function sendResult(res: Response, result: RestResult): void {
  // A 204 must carry no content type: discord.js would try to parse the empty body as JSON.
  if (result.status === 204 || result.body === undefined) res.status(result.status).end();
  else sendJson(res, result.status, result.body);
}

export function sendError(res: Response, deps: RestDependencies, req: Request, thrown: unknown): void {
  const { error, unexpected } = toDiscordApiError(thrown);
  if (unexpected) {
    deps.emulator.events.record('rest.crash', {
      method: req.method,
      path: req.originalUrl,
      error: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown),
    });
  }
  if (!res.headersSent) sendJson(res, error.status, error.toBody());
}

/**
 * Mounts one route: authentication, injected faults, the global limit, the route's bucket
 * (headers on every answer, 429 when empty), the body, then the handler.
 */
export function mountRoute(router: Router, route: RouteDefinition, deps: RestDependencies): void {
  const { emulator, limiter, faults } = deps;
  router[route.method](route.path, async (req: Request, res: Response) => {
    try {
      const params = req.params as Record<string, string>;
      const identity: RestCallIdentity = { method: req.method, template: route.path, path: req.path };
      const bot = authenticate(req.headers, emulator.world);
      if (route.auth === 'bot' && !bot) throw discordErrors.unauthorized();

      const injected = faults.takeError(identity);
      if (injected !== null) throw new DiscordApiError(injected, 0, `${injected}: Injected failure`);

      const countsGlobally = route.auth === 'bot';
      const now = emulator.now();
      const storm = faults.activeStorm(identity, countsGlobally);
      if (storm) {
        if (storm.scope === 'route' && route.bucket) {
          const { hash, limit } = limiter.peekBucket(route.bucket);
          setBucketHeaders(res, { hash, limit, remaining: 0, resetAt: storm.until }, now);
        }
        const global = storm.scope === 'global';
        return sendRateLimited(res, { resetAt: storm.until, now, global, scope: global ? 'global' : 'user' });
      }

      if (limiter.enabled) {
        const identityKey = bot?.application.id ?? `anonymous:${req.socket.remoteAddress ?? ''}`;
        if (countsGlobally) {
          const global = limiter.takeGlobal(identityKey);
          if (!global.allowed)
            return sendRateLimited(res, { resetAt: global.resetAt, now, global: true, scope: 'global' });
        }
        if (route.bucket) {
          const bucket = limiter.takeBucket(route.bucket, identityKey, majorParameter(params));
          setBucketHeaders(res, bucket, now);
          if (!bucket.allowed)
            return sendRateLimited(res, { resetAt: bucket.resetAt, now, global: false, scope: 'user' });
        }
      }

      assertSnowflakeParams(params);
      const { body, files } = await readBody(req);
      const call: RestCall = {
        method: req.method,
        path: req.path,
        params,
        query: new URL(req.originalUrl, 'http://emulator').searchParams,
        body,
        files,
        bot,
        auditLogReason: auditLogReason(req),
      };
      sendResult(res, route.handler(call));
    } catch (error) {
      sendError(res, deps, req, error);
    }
  });
}
