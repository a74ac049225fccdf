import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ControlDeps } from './control-deps.ts';
import { ControlError, sendControlError } from './control-route.ts';
import { mountActionRoutes } from './routes/actions.ts';
import { mountEventRoutes } from './routes/events.ts';
import { mountFaultRoutes } from './routes/faults.ts';
import { mountGuildStructureRoutes } from './routes/guild-structure.ts';
import { mountInspectRoutes } from './routes/inspect.ts';
import { mountWorldRoutes } from './routes/world.ts';

/** The control API under `/control` (documented in docs/emulators/discord.md). */
export function createControlRouter(deps: ControlDeps, streams: Set<Response>): Router {
  const router = express.Router();
  // The sandbox page may be served from another origin (the API's); the control API is for local use.
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Last-Event-ID');
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  });
  router.use(express.json({ limit: '5mb' }));
  mountEventRoutes(router, deps, streams);
  mountWorldRoutes(router, deps);
  mountGuildStructureRoutes(router, deps);
  mountActionRoutes(router, deps);
  mountInspectRoutes(router, deps);
  mountFaultRoutes(router, deps);
  router.use((req: Request, res: Response) => {
    sendControlError(
      res,
      new ControlError(404, `No control endpoint ${req.method} ${req.baseUrl}${req.path}`),
    );
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const malformed =
      error instanceof SyntaxError || (error as { type?: string })?.type === 'entity.parse.failed';
    sendControlError(res, malformed ? new ControlError(400, 'Malformed JSON body') : error);
  });
  return router;
}
