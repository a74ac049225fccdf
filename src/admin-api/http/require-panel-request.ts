import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error.ts';
import type { PanelOriginCheck } from './panel-origin.ts';

/** The header the panel sends with every API call; another site's page cannot send it without CORS, which the API never grants. */
export const panelRequestHeader = 'X-Requested-With';
export const panelRequestHeaderValue = 'tandem-admin';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Content-Length: 0` (what fetch sends for a POST without a body) is no body either. */
function hasBody(request: IncomingMessage): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
}

export interface PanelRequestOptions {
  /**
   * Whether a write without a body must carry `X-Requested-With: tandem-admin`. Bull Board's own
   * page sends no such header, so its routes rely on the origin alone. @defaultValue true
   */
  requireHeaderWithoutBody?: boolean;
}

/**
 * Every write must prove it comes from the panel, since the session cookie alone does not:
 * SameSite=Lax sends it along from any page on the same site (another port, a sibling subdomain).
 * The origin must be the panel's; a body must be JSON (an HTML form or a no-CORS fetch cannot send
 * it cross-origin); a write without a body must carry the panel's header. Reads pass untouched.
 * Telegram's webhook is not behind this: it listens on a port of its own, guarded by its secret.
 */
export function requirePanelRequest(
  checkOrigin: PanelOriginCheck,
  options: PanelRequestOptions = {},
): RequestHandler {
  const requireHeader = options.requireHeaderWithoutBody ?? true;
  return (req, _res, next) => {
    if (!writeMethods.has(req.method)) return next();
    const verdict = checkOrigin(req);
    if (!verdict.fromPanel) throw new HttpError(403, verdict.reason);
    if (hasBody(req)) {
      if (!req.is('application/json'))
        throw new HttpError(
          415,
          `Refused: the body is ${req.get('content-type') ?? 'of no stated type'}; send it as JSON (Content-Type: application/json).`,
        );
    } else if (requireHeader && req.get(panelRequestHeader) !== panelRequestHeaderValue) {
      throw new HttpError(
        403,
        `Refused: an action without a body must carry the panel's header ${panelRequestHeader}: ${panelRequestHeaderValue}.`,
      );
    }
    next();
  };
}
