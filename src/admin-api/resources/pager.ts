import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { issuePagerCode, pagerTargetsOf, stopPagesOf } from '../../alerts/pager-signup.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * The signed-in admin's own pager settings: where they are paged, a one-time code to sign up on a
 * bot, and stopping a platform. Only ever the admin's own account: no route names another admin.
 */
const platformParam = z.enum(['telegram', 'discord']);

function signedIn(req: Request) {
  if (!req.admin) throw new HttpError(401, 'Sign in first.');
  return req.admin;
}

export function createPagerRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { pool } = deps.db;

  router.get('/', async (req, res) => {
    const admin = signedIn(req);
    res.json({ targets: await pagerTargetsOf(pool, admin.id) });
  });

  router.post('/code', async (req, res) => {
    const admin = signedIn(req);
    const { code, expiresAt } = await issuePagerCode(pool, admin.id);
    res.status(201).json({ code, expiresAt: expiresAt.toISOString() });
  });

  router.delete('/:platform', async (req, res) => {
    const admin = signedIn(req);
    const parsed = platformParam.safeParse(req.params.platform);
    if (!parsed.success) throw new HttpError(404, 'Pages go to telegram or discord.');
    await stopPagesOf(pool, admin.id, parsed.data);
    await deps.changes.publish({ entity: 'alert_incidents', action: 'updated', id: admin.id });
    res.json({ targets: await pagerTargetsOf(pool, admin.id) });
  });
  return router;
}
