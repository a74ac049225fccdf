import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** The built panel (`npm run build -w admin`), relative to the repository root. */
export const defaultAdminDistDir = path.resolve(import.meta.dirname, '../../admin/dist');

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem admin: not built yet</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code{background:#eef2f6;padding:.1rem .35rem;border-radius:4px}</style></head>
<body><h1>The admin panel is not built yet</h1>
<p>The API is running, but it has no panel to serve: <code>admin/dist</code> is missing.</p>
<p>Run <code>npm install</code>, then <code>npm run build -w admin</code>, and reload this page.</p>
<p>Meanwhile the queues are at <a href="/admin/queues">/admin/queues</a> (after signing in) and the
probes at <a href="/healthz">/healthz</a> and <a href="/readyz">/readyz</a>.</p></body></html>`;

/**
 * The react-admin app at `/admin`. Its routes live after `#`, so any other path under `/admin` that
 * is not a file gets `index.html` too (a bookmarked or mistyped address still opens the panel).
 * Vite puts content hashes in the asset names: those are cached for good, `index.html` never.
 */
export function createStaticAdminRouter(distDir: string = defaultAdminDistDir): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get('/{*rest}', (_req, res) => {
    // Checked per request: building the panel while the API runs needs no restart.
    if (!existsSync(indexFile)) {
      res.status(503).type('html').send(notBuiltPage);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
