import express, { type NextFunction, type Request, type Response } from 'express';
import type { ActivityLog } from '../activity-log.ts';
import { ControlError, isControlError } from '../errors.ts';
import { streamEvents } from './event-stream.ts';
import { logQuerySchema, parseInput } from './schemas.ts';
import type { TelegramControl } from './telegram-control.ts';

/** The control API over HTTP: JSON in, JSON out, errors as `{error: {code, message}}`. */
export function createControlRouter(control: TelegramControl, log: ActivityLog): express.Router {
  const router = express.Router();
  router.use(allowAnyOrigin);
  router.use(express.json({ limit: '70mb' }));
  router.use(requireJsonBody);

  router.get('/world', (_req, res) => void res.json(control.world()));
  router.post('/reset', (_req, res) => void res.json(control.reset()));

  router.post('/bots', (req, res) => void res.status(201).json(control.createBot(req.body)));
  router.get('/bots/:bot', (req, res) => {
    const user = stringQuery(req, 'user');
    if (user !== undefined && !/^\d+$/.test(user))
      throw ControlError.invalid(`user must be a user id, got ${user}`);
    res.json(control.bot(req.params.bot as string, { user: user === undefined ? undefined : Number(user) }));
  });
  router.patch(
    '/bots/:bot',
    (req, res) => void res.json(control.updateBot(req.params.bot as string, req.body)),
  );
  router.post('/users', (req, res) => void res.status(201).json(control.createUser(req.body)));
  router.patch(
    '/users/:userId',
    (req, res) => void res.json(control.updateUser(intParam(req, 'userId'), req.body)),
  );
  router.post(
    '/users/:userId/block',
    (req, res) => void res.json(control.blockBot(intParam(req, 'userId'), req.body)),
  );
  router.post(
    '/users/:userId/unblock',
    (req, res) => void res.json(control.unblockBot(intParam(req, 'userId'), req.body)),
  );
  router.post('/groups', (req, res) => void res.status(201).json(control.createGroup(req.body)));
  router.post(
    '/groups/:chatId/members',
    (req, res) => void res.json(control.addMember(intParam(req, 'chatId'), req.body)),
  );
  router.delete('/groups/:chatId/members/:userId', (req, res) => {
    const ban = req.query.ban === 'true' || req.body?.ban === true;
    const by = req.body?.by ?? (stringQuery(req, 'by') === undefined ? undefined : Number(req.query.by));
    res.json(control.removeMember(intParam(req, 'chatId'), intParam(req, 'userId'), { ban, by }));
  });
  router.post(
    '/groups/:chatId/members/:userId/promote',
    (req, res) =>
      void res.json(control.promoteMember(intParam(req, 'chatId'), intParam(req, 'userId'), req.body)),
  );
  router.post(
    '/groups/:chatId/members/:userId/demote',
    (req, res) =>
      void res.json(control.demoteMember(intParam(req, 'chatId'), intParam(req, 'userId'), req.body)),
  );
  router.patch(
    '/groups/:chatId',
    (req, res) => void res.json(control.renameGroup(intParam(req, 'chatId'), req.body)),
  );
  router.post('/invite-links/join', (req, res) => void res.json(control.joinByLink(req.body)));
  router.post(
    '/groups/:chatId/migrate',
    (req, res) => void res.json(control.migrateGroup(intParam(req, 'chatId'), req.body)),
  );

  router.post('/messages', (req, res) => void res.json(control.sendMessage(req.body)));
  router.post('/commands', (req, res) => void res.json(control.sendCommand(req.body)));
  router.post('/photos', (req, res) => void res.json(control.sendPhoto(req.body)));
  router.post('/documents', (req, res) => void res.json(control.sendDocument(req.body)));
  router.post('/callbacks', async (req, res) => void res.json(await control.pressButton(req.body)));
  router.post('/reactions', (req, res) => void res.json(control.react(req.body)));
  router.post('/poll-votes', (req, res) => void res.json(control.votePoll(req.body)));
  router.post('/web-apps', (req, res) => void res.json(control.openWebApp(req.body)));
  router.post('/inline-queries', async (req, res) => void res.json(await control.typeInlineQuery(req.body)));
  router.get(
    '/inline-queries/:id',
    (req, res) => void res.json(control.inlineQuery(req.params.id as string)),
  );
  router.post('/inline-results', (req, res) => void res.json(control.chooseInlineResult(req.body)));
  router.get('/callbacks/:id', (req, res) => void res.json(control.callback(req.params.id as string)));
  router.get('/chats/:chatId/messages', (req, res) => {
    const includeDeleted = req.query.includeDeleted !== 'false';
    res.json(control.messages(intParam(req, 'chatId'), { bot: stringQuery(req, 'bot'), includeDeleted }));
  });

  router.get('/log', (req, res) => void res.json(control.log(filterQuery(req))));
  router.post('/wait', async (req, res) => void res.json(await control.waitFor(req.body)));
  router.get('/events', (req, res) => {
    const { limit: _limit, ...filter } = parseInput(logQuerySchema, filterQuery(req));
    streamEvents(log, filter, req, res);
  });

  router.get('/faults', (_req, res) => void res.json(control.faults()));
  router.delete('/faults', (_req, res) => void res.json(control.clearFaults()));
  router.post('/faults/latency', (req, res) => void res.json(control.setLatency(req.body)));
  router.post('/faults/errors', (req, res) => void res.json(control.failNextCalls(req.body)));
  router.post('/faults/rate-limit', (req, res) => void res.json(control.rateLimit(req.body)));
  router.post('/faults/duplicates', (req, res) => void res.json(control.duplicateNextUpdates(req.body)));
  router.post('/faults/drop-polls', (req, res) => void res.json(control.dropPolls(req.body)));
  router.post('/limits', (req, res) => void res.json(control.setLimits(req.body)));

  router.use((_req, _res, next) =>
    next(ControlError.notFound('No such control endpoint; see docs/emulators/telegram.md')),
  );
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const refusal = toControlError(error);
    if (refusal.status >= 500) {
      log.record({ type: 'emulator.error', message: refusal.message, stack: (error as Error)?.stack });
    }
    res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
  });
  return router;
}

function toControlError(error: unknown): ControlError {
  if (isControlError(error)) return error;
  const parserError = error as { type?: string; status?: number; message?: string };
  if (parserError?.type === 'entity.parse.failed')
    return ControlError.invalid(`The body is not valid JSON: ${parserError.message}`);
  if (parserError?.type === 'entity.too.large')
    return ControlError.invalid('The body is too large (70 MB at most)');
  const message = error instanceof Error ? error.message : String(error);
  return new ControlError(500, 'invalid_request', `The emulator failed: ${message}`);
}

function allowAnyOrigin(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-headers', 'content-type, last-event-id');
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}

/** A body that is not JSON would otherwise read as empty and fail validation with a misleading message. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    next(ControlError.invalid('Send the body as JSON with the header content-type: application/json'));
    return;
  }
  next();
}

function intParam(req: Request, name: string): number {
  const value = Number(req.params[name]);
  if (!Number.isSafeInteger(value))
    throw ControlError.invalid(`${name} must be an integer, got ${req.params[name]}`);
  return value;
}

function stringQuery(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `?types=a,b&botId=1&chatId=-5&since=10&limit=50` as the filter schemas expect it. */
function filterQuery(req: Request): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const types = stringQuery(req, 'types') ?? stringQuery(req, 'type');
  if (types) filter.types = types.split(',').map((type) => type.trim());
  for (const name of ['botId', 'chatId', 'since', 'limit']) {
    const value = stringQuery(req, name);
    if (value !== undefined) filter[name] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return filter;
}
