import express, { type Router } from 'express';
import { miniAppPageDir } from '../../mini-app/page-dir.ts';
import { miniAppIndexHtml } from '../../mini-app/page-html.ts';

/**
 * The Mini App page's policy: its own script and style only, its own API, and framing allowed to
 * Telegram's web clients alone (they open Mini Apps in a frame; the phone apps in a web view).
 */
export const miniAppContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'frame-ancestors https://web.telegram.org https://*.telegram.org',
].join('; ');

/** Serves the Mini App at /app/ (its init data stays in the fragment: no server ever sees it here). */
export function createMiniAppPage(): Router {
  const router = express.Router();
  // The page with its texts, built once: they change only with a new deployment.
  const indexHtml = miniAppIndexHtml();
  router.use('/app', (req, res, next) => {
    res.setHeader('Content-Security-Policy', miniAppContentSecurityPolicy);
    // The panel's X-Frame-Options: DENY would keep Telegram Web from showing the app.
    res.removeHeader('X-Frame-Options');
    // A new deployment's page is picked up at the next opening.
    res.setHeader('Cache-Control', 'no-cache');
    if (req.path === '/' && !req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(301, '/app/');
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (req.path === '/' || req.path === '/index.html') {
        res.type('html').send(indexHtml);
        return;
      }
    }
    next();
  });
  router.use('/app', express.static(miniAppPageDir, { index: false, redirect: true }));
  return router;
}
