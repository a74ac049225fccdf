import type { IncomingMessage } from 'node:http';
import type { TrustProxy } from './panel-origin.ts';

/**
 * The address a request came from: the peer, or, behind proxies `trust proxy` believes, the
 * nearest address in X-Forwarded-For that is not one of them (express's `req.ip`, written out
 * because the live feed's handshake is not an express request).
 */
export function clientAddress(request: IncomingMessage, trustProxy: TrustProxy): string {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [request.socket.remoteAddress ?? 'unknown', ...forwarded];
  for (let index = 0; index < hops.length - 1; index++)
    if (!trustProxy(hops[index]!, index)) return hops[index]!;
  return hops.at(-1)!;
}
