import type { RequestHandler } from 'express';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { HttpError } from '../http/http-error.ts';
import { authenticate } from './authenticate.ts';
import type { SessionStore } from './session-store.ts';

export const signInRequired = 'Sign in first: this needs an admin session.';

/** Refuses a request without a live session (401 JSON); sets `req.admin` otherwise. */
export function requireSession(prisma: PrismaClient, sessions: SessionStore): RequestHandler {
  return async (req, _res, next) => {
    const found = await authenticate(prisma, sessions, req.headers.cookie);
    if (!found) throw new HttpError(401, signInRequired);
    req.admin = found.admin;
    next();
  };
}

/**
 * For pages a person opens in the browser (Bull Board): no session sends them to the panel's sign-in
 * page; the page's own API calls still get a 401, which its scripts understand.
 */
export function requireSessionOrSignIn(
  prisma: PrismaClient,
  sessions: SessionStore,
  isApiCall: (path: string) => boolean,
  signInUrl: string,
): RequestHandler {
  return async (req, res, next) => {
    const found = await authenticate(prisma, sessions, req.headers.cookie);
    if (found) {
      req.admin = found.admin;
      return next();
    }
    if (isApiCall(req.path)) throw new HttpError(401, signInRequired);
    res.redirect(302, signInUrl);
  };
}
