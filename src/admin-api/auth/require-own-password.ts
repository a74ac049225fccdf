import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';
import type { RequestAdmin } from './request-admin.ts';

export const choosePasswordFirst =
  'Choose your own password first: this account still has the password it was given.';

/**
 * Whether a signed-in admin must choose their own password before anything else: one who signed in
 * with a generated one-time password, or one another admin created or reset. Until then their
 * session may only say who they are, change the password and sign out (the `/api/auth` routes).
 */
export function mustChoosePassword(admin: RequestAdmin | undefined): boolean {
  return admin?.mustChangePassword === true;
}

/** Refuses (403) every request of a session that has not chosen its own password yet. */
export function requireOwnPassword(): RequestHandler {
  return (req, _res, next) => {
    if (mustChoosePassword(req.admin)) throw new HttpError(403, choosePasswordFirst);
    next();
  };
}
