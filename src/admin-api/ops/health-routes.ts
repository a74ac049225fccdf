import { Router } from 'express';
import type { AdminApiDeps } from '../deps.ts';
import { checkReadiness } from './readiness.ts';

/**
 * Public probes for monitoring. `/healthz`: the process answers (restart it when it does not).
 * `/readyz`: 503 while PostgreSQL or Redis is unreachable, so a load balancer holds traffic back
 * instead of failing it.
 */
export function createHealthRoutes(deps: AdminApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await checkReadiness({ pool: deps.db.pool, redis: deps.redis, prefix: deps.queuePrefix });
    res.status(checks.postgres && checks.redis ? 200 : 503).json(checks);
  });
  return router;
}
