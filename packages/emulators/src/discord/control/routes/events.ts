import type { Request, Response, Router } from 'express';
import type { ActivityEvent } from '../../events/emulator-events.ts';
import type { ControlDeps } from '../control-deps.ts';

/** Comment lines keep proxies and browsers from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * GET /control/events: Server-Sent Events of everything the emulator records. `?replay=true`
 * (or a `Last-Event-ID` header) first sends the kept history after that id.
 */
export function mountEventRoutes(router: Router, deps: ControlDeps, streams: Set<Response>): void {
  const { events } = deps.emulator;
  router.get('/events', (req: Request, res: Response) => {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    res.flushHeaders();
    const write = (event: ActivityEvent) => {
      if (res.writableEnded || res.destroyed) return;
      res.write(`id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const lastId = Number(req.headers['last-event-id'] ?? (req.query.replay === 'true' ? 0 : Number.NaN));
    if (Number.isFinite(lastId)) for (const event of events.history(lastId)) write(event);
    const unsubscribe = events.onActivity(write);
    const keepAlive = setInterval(() => {
      if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    keepAlive.unref();
    streams.add(res);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  });
}
