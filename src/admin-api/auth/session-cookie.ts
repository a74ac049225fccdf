import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request } from 'express';

export const sessionCookieName = 'tandem_session';

/**
 * Whether the cookie carries the Secure flag. `auto`: when the request came over https, as express
 * sees it (behind a TLS proxy that needs `trust proxy`), so a laptop on plain http still signs in.
 */
export type SecureCookies = 'auto' | boolean;

/** The session token in a `Cookie` header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[sessionCookieName];
}

function secureFor(req: Request, secure: SecureCookies): boolean {
  return secure === 'auto' ? req.secure : secure;
}

/**
 * httpOnly (page scripts never see it), SameSite=Lax (other sites' forms and fetches do not carry
 * it; pages on another port or a sibling subdomain are same-site, so writes also prove their origin:
 * see require-panel-request.ts), path `/` (the API, Bull Board and
 * socket.io all need it), no Max-Age: the session ends in Redis, and the browser forgets the cookie
 * when it closes.
 */
export function sessionCookie(req: Request, token: string, secure: SecureCookies): string {
  return stringifySetCookie({
    name: sessionCookieName,
    value: token,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureFor(req, secure),
  });
}

export function clearedSessionCookie(req: Request, secure: SecureCookies): string {
  return stringifySetCookie({
    name: sessionCookieName,
    value: '',
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureFor(req, secure),
    maxAge: 0,
  });
}
