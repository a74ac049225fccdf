import type { Request, RequestHandler } from 'express';
import type { Histogram } from 'prom-client';

/**
 * The route pattern a request matched (`/api/players/:id`), never its raw path: ids in a label would
 * make a new series per record. Requests no route matched share a few fixed labels.
 */
export function routeLabel(req: Request): string {
  if (req.route?.path && typeof req.route.path === 'string') return `${req.baseUrl}${req.route.path}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  if (path.startsWith('/api/')) return '/api/*';
  if (path.startsWith('/admin/queues')) return '/admin/queues/*';
  if (path.startsWith('/admin')) return '/admin/*';
  if (path.startsWith('/socket.io')) return '/socket.io';
  return 'unmatched';
}

/** Times every request from arrival to the last byte of its answer. */
export function recordHttpDuration(histogram: Histogram<'method' | 'route' | 'status'>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      histogram.observe(
        { method: req.method, route: routeLabel(req), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
