import type { Request } from 'express';
import type { RequestAdmin } from '../auth/request-admin.ts';
import { HttpError } from '../http/http-error.ts';

/** Who to name in the ledger and on decisions: the signed-in admin the session guard found. */
export function actingAdminName(req: Request): string {
  return req.admin?.username ?? 'admin';
}

/**
 * The admin accounts are for admins only, reads included. The API's role guard says so already;
 * the routes say it again so they stay closed wherever they are mounted.
 */
export function requireAdminRole(req: Request): RequestAdmin {
  if (req.admin?.role !== 'admin') throw new HttpError(403, 'Only admins can see admin accounts.');
  return req.admin;
}
