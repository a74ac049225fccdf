import express, { type Router } from 'express';
import type { AdminApiDeps } from '../deps.ts';
import { loadDashboard } from './dashboard-data.ts';

/** `GET /api/dashboard`: not a list, one object (see loadDashboard for its shape). */
export function createDashboardRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    res.json(await loadDashboard(deps));
  });
  return router;
}
