import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { checkNewPassword } from '../../core/password-policy.ts';
import { storedText } from '../../core/postgres-values.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../logging/logger.ts';
import { HttpError } from '../http/http-error.ts';
import { TooManyLoginAttemptsError, WrongCredentialsError } from './auth-errors.ts';
import type { LoginRateLimit } from './login-rate-limit.ts';
import { hashPassword, unknownAdminHash, verifyPassword } from './passwords.ts';
import { requireSession } from './require-session.ts';
import {
  clearedSessionCookie,
  type SecureCookies,
  sessionCookie,
  sessionTokenFrom,
} from './session-cookie.ts';
import type { SessionStore } from './session-store.ts';

export interface EndedSessions {
  ended(token: string): void;
  /** Every session of the admin ended but `keepToken`'s. */
  endedAllOf(adminId: string, keepToken?: string): void;
}

export interface AuthRoutesDeps {
  prisma: PrismaClient;
  sessions: SessionStore;
  rateLimit: LoginRateLimit;
  secureCookies: SecureCookies;
  logger: Logger;
  /** Told when sessions end, so the live connections opened with them are closed too. */
  liveSessions?: EndedSessions;
}

const loginSchema = z.object({
  username: storedText().trim().min(1, 'Enter your username.').max(64),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

/** The new password's rules beyond its type are `passwordProblem`'s, checked after parsing. */
const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
    newPassword: z.string({ message: 'Enter a new password.' }),
  })
  .refine((body) => body.newPassword !== body.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  });

/** Parses a body with `schema`; a bad one is a 400 naming each field, as react-admin forms expect. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new HttpError(400, Object.values(fields)[0] ?? 'The request is not valid.', fields);
}

/** Who the panel is signed in as. */
function profileOf(admin: { id: string; username: string; role: string; mustChangePassword: boolean }) {
  return {
    id: admin.id,
    username: admin.username,
    role: admin.role,
    mustChangePassword: admin.mustChangePassword,
  };
}

/** The client's address as express sees it (behind a proxy: per TRUST_PROXY). */
function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** `/api/auth/*`: sign in and out, who am I, change my password. Mounted before the session guard. */
export function createAuthRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const signedIn = requireSession(deps.prisma, deps.sessions);

  /** Counts a password check against the limits before it is made; refuses with 429 past them. */
  const reserveTry = async (res: Response, address: string, username: string, what?: string) => {
    const wait = await deps.rateLimit.reserve(address, username);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new TooManyLoginAttemptsError(wait, what);
    }
  };

  router.post('/login', async (req, res) => {
    const { username, password } = parseBody(loginSchema, req.body);
    const address = addressOf(req);
    await reserveTry(res, address, username);
    const admin = await deps.prisma.admin.findUnique({ where: { username } });
    // The hash is checked even for an unknown or inactive admin, so the answer takes as long.
    const matches = await verifyPassword(password, admin?.passwordHash ?? (await unknownAdminHash()));
    if (!admin?.active || !matches) {
      // Only a username that names an admin is logged: an unknown one may be a password typed into
      // the wrong field.
      deps.logger.warn({ username: admin?.username ?? '(no such admin)', address }, 'failed admin sign-in');
      throw new WrongCredentialsError();
    }
    await deps.rateLimit.release(address, username);
    const token = await deps.sessions.create(admin.id);
    await deps.prisma.admin.update({ where: { id: admin.id }, data: { lastLoginAt: new Date() } });
    deps.logger.info({ adminId: admin.id, username: admin.username, address }, 'admin signed in');
    res.setHeader('Set-Cookie', sessionCookie(req, token, deps.secureCookies));
    res.json(profileOf(admin));
  });

  router.post('/logout', async (req, res) => {
    const token = sessionTokenFrom(req.headers.cookie);
    if (token) {
      await deps.sessions.destroy(token);
      deps.liveSessions?.ended(token);
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(req, deps.secureCookies));
    res.status(204).end();
  });

  router.get('/me', signedIn, async (req, res) => {
    const admin = await deps.prisma.admin.findUniqueOrThrow({ where: { id: req.admin!.id } });
    res.json(profileOf(admin));
  });

  router.post('/password', signedIn, async (req, res) => {
    const body = parseBody(passwordChangeSchema, req.body);
    const admin = await deps.prisma.admin.findUniqueOrThrow({ where: { id: req.admin!.id } });
    // Checked before the current password, so a refused new one costs no try of the budget.
    const problem = await checkNewPassword(body.newPassword, admin.username);
    if (problem) throw new HttpError(400, problem, { newPassword: problem });
    // A wrong current password is a guess at the account's password, as at sign-in: same budget.
    const address = addressOf(req);
    await reserveTry(res, address, admin.username, 'wrong current passwords');
    if (!(await verifyPassword(body.currentPassword, admin.passwordHash)))
      throw new HttpError(400, 'The current password is wrong.', {
        currentPassword: 'The current password is wrong.',
      });
    await deps.rateLimit.release(address, admin.username);
    const updated = await deps.prisma.admin.update({
      where: { id: admin.id },
      data: {
        passwordHash: await hashPassword(body.newPassword),
        mustChangePassword: false,
        version: { increment: 1 },
      },
    });
    // Whoever knew the old password is signed out everywhere; this browser stays signed in.
    const token = sessionTokenFrom(req.headers.cookie)!;
    await deps.sessions.destroyAllOf(admin.id, token);
    deps.liveSessions?.endedAllOf(admin.id, token);
    deps.logger.info({ adminId: admin.id, username: admin.username }, 'admin changed their password');
    res.json(profileOf(updated));
  });

  return router;
}
