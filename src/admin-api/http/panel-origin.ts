import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** express's compiled `trust proxy`: is the hop at `index` (0: the peer) a proxy to believe? */
export type TrustProxy = (address: string, index: number) => boolean;

/** Whether a browser request came from a page of the panel, and if not, why it is taken not to. */
export type OriginVerdict = { fromPanel: true } | { fromPanel: false; reason: string };

/** Tells requests made by the panel's pages from requests another site's page made with the admin's cookie. */
export type PanelOriginCheck = (request: IncomingMessage) => OriginVerdict;

export interface PanelOriginOptions {
  /** Origins besides the API's own (ALLOWED_ORIGINS), already normalised (`new URL(x).origin`). */
  allowedOrigins: readonly string[];
  /** express's `trust proxy fn`, so the API's own origin follows X-Forwarded-Proto/-Host exactly when express does. */
  trustProxy: TrustProxy;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * The origin this request was addressed to: `Host` and the connection's protocol, or what a trusted
 * proxy says in X-Forwarded-Host / X-Forwarded-Proto (the same rule as express's `req.host` and
 * `req.protocol`, written out because the live feed's handshake is not an express request).
 */
export function addressedOrigin(request: IncomingMessage, trustProxy: TrustProxy): string | undefined {
  const proxied = trustProxy(request.socket.remoteAddress ?? '', 0);
  const encrypted = Boolean((request.socket as TLSSocket).encrypted);
  const protocol =
    (proxied && firstValue(request.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (proxied && firstValue(request.headers['x-forwarded-host'])) || request.headers.host;
  const address = `${protocol}://${host}`;
  if (!host || !URL.canParse(address)) return undefined;
  return new URL(address).origin;
}

/**
 * A browser names where a request comes from in `Origin` (every non-GET request, every cross-origin
 * one) and, in current browsers, in `Sec-Fetch-Site`. A page on another port or a sibling subdomain
 * is "same-site", so the SameSite cookie goes along: only the exact origin separates it from the panel.
 * A request that names no origin at all is refused too: a client that is not a browser can send the
 * panel's origin like the panel does.
 */
export function createPanelOriginCheck(options: PanelOriginOptions): PanelOriginCheck {
  const allowed = new Set(options.allowedOrigins);
  return (request) => {
    const own = addressedOrigin(request, options.trustProxy);
    const origin = firstValue(request.headers.origin);
    if (origin !== undefined) {
      const normalised = URL.canParse(origin) ? new URL(origin).origin : origin;
      if (normalised !== 'null' && (normalised === own || allowed.has(normalised)))
        return { fromPanel: true };
      return {
        fromPanel: false,
        reason:
          `Refused: this request comes from ${origin}, not from the admin panel (${own ?? 'unknown'}). ` +
          'If the panel is served at that address through a proxy, add it to ALLOWED_ORIGINS.',
      };
    }
    const site = firstValue(request.headers['sec-fetch-site']);
    if (site === 'same-origin') return { fromPanel: true };
    return {
      fromPanel: false,
      reason:
        site === undefined
          ? 'Refused: this request does not say where it comes from (no Origin header); the admin panel always does.'
          : `Refused: this request comes from another page (Sec-Fetch-Site: ${site}), not from the admin panel.`,
    };
  };
}
