import { Router } from 'express';
import type { Registry } from 'prom-client';

/** `/metrics` in Prometheus's text format. Public, like the probes: keep it off the open internet. */
export function createMetricsRoute(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  return router;
}
