import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The content security policy of everything the API serves: the panel, Bull Board and the JSON
 * answers. Scripts, fonts, images and connections come from the API's own origin only (the live
 * feed's WebSocket included: `'self'` covers ws: and wss: to the same host). Styles allow inline
 * ones because MUI (emotion) and Bull Board both write `<style>` elements and `style` attributes at
 * run time. No page may frame the panel, so a signed-in admin cannot be made to click inside another
 * site's frame. Written out in full, rather than helmet's defaults amended, so the policy reads here.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * helmet's security headers with the policy above. Left out of helmet's defaults:
 * `upgrade-insecure-requests`, which would break a panel served over plain http on a LAN address.
 * HSTS stays on: browsers ignore it over http, and over https the panel must stay on https.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(contentSecurityPolicy).map(([name, values]) => [name, [...values]]),
      ),
    },
    frameguard: { action: 'deny' },
  });
}
