import express from 'express';
import type { ActivityLog } from './activity-log.ts';
import { createBotApiRouter, send } from './bot-api/router.ts';
import type { EmulatorContext } from './context.ts';
import { createControlRouter } from './control/routes.ts';
import type { TelegramControl } from './control/telegram-control.ts';
import { BotApiError } from './errors.ts';

/** One HTTP app: the control API under `/control`, the Bot API (`/bot<token>/...`, `/file/bot<token>/...`) beside it. */
export function createApp(ctx: EmulatorContext, control: TelegramControl, log: ActivityLog): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use('/control', createControlRouter(control, log));
  app.use(createBotApiRouter(ctx));
  app.use((_req, res) => send(res, { status: 404, body: BotApiError.notFound().toBody() }));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.record({
      type: 'emulator.error',
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    send(res, { status: 500, body: BotApiError.serverError(500).toBody() });
  });
  return app;
}
