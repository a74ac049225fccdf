import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';

/** A request under `/api`, as the role guard sees it: its method and the path below `/api`. */
export interface ApiRequest {
  method: string;
  path: string;
}

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The POSTs operators may send: retrying failed sync events, one or in bulk, starting a full
 * reconcile audit (queue work, like a retry), previewing a text (which writes nothing), and taking
 * a code to be paged themselves (their own account only).
 */
const operatorWrites = [
  /^\/pager\/code\/?$/,
  /^\/sync_events\/[^/]+\/retry\/?$/,
  /^\/sync_events\/retry\/?$/,
  /^\/reconcile\/audit\/?$/,
  /^\/texts\/[^/]+\/preview\/?$/,
];

const operatorDeletes = [/^\/pager\/(telegram|discord)\/?$/];

/** Resources only admins may even read (admins' accounts). */
const adminOnlyReads = [/^\/admins(\/|$)/];

/** Whether an operator may make this request; admins may make every request. */
export function operatorMay(request: ApiRequest): boolean {
  if (reads.has(request.method)) return !adminOnlyReads.some((p) => p.test(request.path));
  // Stopping their own pages is an operator's own business too.
  if (request.method === 'DELETE') return operatorDeletes.some((p) => p.test(request.path));
  return request.method === 'POST' && operatorWrites.some((p) => p.test(request.path));
}

/**
 * The role check of every `/api` request behind the session guard: operators read and run queue
 * actions, every other write needs the admin role. Checked here once rather than in each route, so a
 * new route is refused to operators until it is allowed on purpose.
 */
export function requireRoleForApi(): RequestHandler {
  return (req, _res, next) => {
    if (req.admin?.role === 'admin' || operatorMay({ method: req.method, path: req.path })) return next();
    throw new HttpError(
      403,
      reads.has(req.method)
        ? 'Only admins can see admin accounts.'
        : 'Operators can look around and retry failed sync events; this change needs the admin role.',
    );
  };
}
