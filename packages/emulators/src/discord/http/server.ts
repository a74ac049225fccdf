import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type Express, type Request, type Response, type Router } from 'express';
import { answerOnceSaved } from '../../persistence/world-file.ts';
import type { EmulatorContext } from '../actions/context.ts';
import { discordErrors } from '../errors.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { sendJson } from './json-response.ts';

export interface HttpAppParts {
  emulator: EmulatorContext;
  faults: FaultInjector;
  restRouter: Router;
  controlRouter: Router;
  gateway: GatewayServer;
  /** Every HTTP answer waits for this first (e.g. until the world is saved). */
  beforeAnswer?: () => Promise<void>;
}

/** Paths that identify a call without leaking interaction tokens into logs. */
function loggablePath(path: string): string {
  return path.replace(/(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?]+/, '$1:token');
}

function createApp(parts: HttpAppParts): Express {
  const { emulator, faults } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.use('/api', async (req: Request, res: Response, next) => {
    const started = Date.now();
    res.on('finish', () => {
      emulator.events.record('rest.request', {
        method: req.method,
        path: loggablePath(req.originalUrl),
        status: res.statusCode,
        ms: Date.now() - started,
      });
    });
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    next();
  });
  app.use('/api/v10', parts.restRouter);
  app.use('/api', (_req: Request, res: Response) => {
    const error = discordErrors.notFound();
    sendJson(res, error.status, error.toBody());
  });

  app.get('/attachments/:channelId/:attachmentId/:filename', (req: Request, res: Response) => {
    const attachmentId = req.params.attachmentId;
    for (const message of emulator.world.messages.values()) {
      const attachment = message.attachments.find((a) => a.id === attachmentId);
      if (!attachment) continue;
      res.setHeader('Content-Type', attachment.contentType ?? 'application/octet-stream');
      res.status(200).end(attachment.data);
      return;
    }
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  });

  app.use('/control', parts.controlRouter);
  app.get('/', (_req: Request, res: Response) => {
    const base = emulator.baseUrl();
    res.json({
      name: 'Tandem Discord emulator',
      api: `${base}/api/v10`,
      gateway: `${base.replace(/^http/, 'ws')}/gateway`,
      control: `${base}/control`,
    });
  });
  app.use((_req: Request, res: Response) => {
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  });
  return app;
}

/** One HTTP server: REST under /api/v10, the control API under /control, the gateway on upgrade. */
export function createHttpServer(parts: HttpAppParts): Server {
  const app = createApp(parts);
  const server = createServer(parts.beforeAnswer ? answerOnceSaved(app, parts.beforeAnswer) : app);
  server.on('upgrade', (request, socket, head) => {
    if (parts.gateway.handles(request)) parts.gateway.upgrade(request, socket, head);
    else socket.destroy();
  });
  return server;
}
