import { setTimeout as sleep } from 'node:timers/promises';
import express, { type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import { BotApiError, PollDroppedError } from '../errors.ts';
import { type BotApiAnswer, callMethod } from './dispatch.ts';
import { readApiRequest } from './read-request.ts';

/** `/bot<token>/<method>` (and `/bot<token>/test/<method>`, Telegram's test environment prefix). */
const methodPath = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/;
const filePath = /^\/file\/bot([^/]+)\/(.+)$/;

/** The Bot API over HTTP: any verb, any body encoding Telegram accepts. */
export function createBotApiRouter(ctx: EmulatorContext): express.Router {
  const router = express.Router();

  router.all(methodPath, async (req: Request, res: Response) => {
    const [, token = '', methodName = ''] = methodPath.exec(req.path) ?? [];
    if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
    const bot = ctx.world.botByToken(decodeURIComponent(token));
    if (!bot) {
      req.resume();
      send(res, { status: 401, body: BotApiError.unauthorized().toBody() });
      return;
    }
    const hangUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) hangUp.abort();
    });
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    try {
      const answer = await callMethod(ctx, bot, methodName, () => readApiRequest(req, query), {
        via: 'http',
        signal: hangUp.signal,
        applyFaults: true,
      });
      send(res, answer);
    } catch (error) {
      if (!(error instanceof PollDroppedError)) throw error;
      req.socket.destroy();
    }
  });

  router.get(filePath, (req: Request, res: Response) => {
    const [, token = '', path = ''] = filePath.exec(req.path) ?? [];
    const file = ctx.world.botByToken(decodeURIComponent(token)) ? ctx.files.byPath(path) : undefined;
    if (!file) {
      send(res, { status: 404, body: BotApiError.notFound().toBody() });
      return;
    }
    res.type(file.mimeType ?? 'application/octet-stream').send(file.bytes);
  });

  return router;
}

/**
 * Answers as the Bot API server does: `Content-Type: application/json` exactly (no charset, which
 * express would add) and, on a 429, a `Retry-After` header equal to `parameters.retry_after`.
 */
export function send(res: Response, answer: BotApiAnswer): void {
  if (res.headersSent || res.destroyed) return;
  const retryAfter = answer.body.ok ? undefined : answer.body.parameters?.retry_after;
  if (retryAfter !== undefined && retryAfter > 0) res.setHeader('Retry-After', String(retryAfter));
  res.status(answer.status).setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(answer.body));
}
