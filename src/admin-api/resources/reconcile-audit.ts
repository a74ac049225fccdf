import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import {
  AuditRunningError,
  defaultAuditPageSize,
  latestAudit,
  startAudit,
} from '../../sync/maintenance/reconcile/audit.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';

const auditRequest = z.object({
  /** Players per page (one maintenance job each). */
  pageSize: z
    .number({ message: 'must be a number of players' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .default(defaultAuditPageSize),
});

/**
 * The full reconcile audit: `POST /reconcile/audit` starts one (operators may: it is queue work, as
 * a retry is), `GET /reconcile/audit` shows the newest one's progress. The scheduled reconcile only
 * checks what changed; the audit recomputes every player from the whole ledger, a page at a time.
 */
export function createReconcileAuditRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  router.get('/audit', async (_req, res) => {
    res.json({ data: await latestAudit(deps.db.pool) });
  });

  router.post('/audit', async (req, res) => {
    const { pageSize } = parseInput(auditRequest, req.body ?? {}, 'audit');
    try {
      const audit = await startAudit(deps, { requestedBy: req.admin?.username ?? null, pageSize });
      res.status(202).json({ data: audit });
    } catch (error) {
      if (error instanceof AuditRunningError) {
        throw new HttpError(409, `${error.message}; it must finish before another starts.`);
      }
      throw error;
    }
  });

  return router;
}
