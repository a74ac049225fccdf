import express, { type Response, type Router } from 'express';
import { isTandemError } from '../../core/errors.ts';
import { appLeaderboard } from '../../mini-app/app-board.ts';
import type { MiniAppPlayer } from '../../mini-app/app-player.ts';
import { appSeasonBoard, appSeasons } from '../../mini-app/app-seasons.ts';
import { appBuy, appShop } from '../../mini-app/app-shop.ts';
import { loadProfile } from '../../players/load-profile.ts';
import { listTasksForPlayer } from '../../tasks/list-tasks.ts';
import { submitTask } from '../../tasks/submit-task.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError, toHttpError } from '../http/http-error.ts';
import { requireInitData } from './tma-auth.ts';

export interface AppApiOptions {
  /** The Telegram bot's token, which signs the init data. Unset: every /api/app call is 404, as for a feature this Tandem does not run. */
  botToken: string | undefined;
  /** How old init data may be. @defaultValue 24 hours */
  maxAgeSeconds?: number;
}

/**
 * The Telegram Mini App's API under /api/app, mounted before the panel's guards: it authenticates by
 * init data alone (see tma-auth.ts). The panel's Origin check does not apply: a request with an
 * Authorization header is never sent by a browser on another site's behalf, so it cannot be forged
 * the way a cookie-carrying one can. Answers are the bot's own data: /profile, /top (and `/top season`'s boards), /tasks, /submit,
 * /shop and /buy, with the bot's rules and its player texts in the player's language.
 */
export function createAppApiRoutes(
  deps: Pick<AdminApiDeps, 'db' | 'texts' | 'catalog' | 'changes' | 'engine' | 'queues' | 'logger'>,
  options: AppApiOptions,
): Router {
  const app = express.Router();
  // Authenticated first: a refused request's body is not read.
  app.use(requireInitData(deps, options));
  app.use(express.json({ limit: '16kb' }));
  // Personal data: never kept by a cache.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.get('/me', async (req, res) => {
    const { playerId, language } = playerOf(req);
    const profile = await loadProfile(deps, playerId);
    res.json({ playerId: profile.playerId, displayName: profile.displayName, language });
  });

  app.get('/profile', async (req, res) => {
    res.json(await loadProfile(deps, playerOf(req).playerId));
  });

  app.get('/leaderboard', async (req, res) => {
    res.json({ rows: await appLeaderboard(deps, playerOf(req).playerId) });
  });

  // The season boards: the seasons that have started (running first), and one season's board.
  app.get('/seasons', async (_req, res) => {
    res.json({ seasons: await appSeasons(deps) });
  });

  app.get('/seasons/:id', async (req, res) => {
    res.json(await appSeasonBoard(deps, String(req.params.id), playerOf(req).playerId));
  });

  app.get('/tasks', async (req, res) => {
    res.json({ tasks: await listTasksForPlayer(deps, playerOf(req).playerId) });
  });

  app.post('/tasks/:id/submissions', async (req, res) => {
    const player = playerOf(req);
    const taskId = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    // Not a string: submitTask refuses it with the bot's own text ("send your proof as text").
    const proof = (req.body as { proof?: unknown } | undefined)?.proof as string;
    try {
      const result = await submitTask(deps, {
        playerId: player.playerId,
        taskId,
        proof,
        platform: 'telegram',
      });
      res.status(201).json({
        submission: { id: result.submission.id, status: result.submission.status },
        resubmitted: result.resubmitted,
      });
    } catch (error) {
      await answerPlayerError(res, error, player);
    }
  });

  app.get('/shop', async (req, res) => {
    res.json(await appShop(deps, playerOf(req).playerId));
  });

  // The body's requestId names one press of the Buy button: sent twice, it is one purchase (200
  // with the first one, where a new purchase is 201).
  app.post('/shop/:itemId/buy', async (req, res) => {
    const player = playerOf(req);
    try {
      const result = await appBuy(deps, {
        playerId: player.playerId,
        itemId: String(req.params.itemId),
        requestId: (req.body as { requestId?: unknown } | undefined)?.requestId,
      });
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      await answerPlayerError(res, error, player);
    }
  });

  app.use((req) => {
    throw new HttpError(404, `No such Mini App route: ${req.method} /api/app${req.path}`);
  });

  const router = express.Router();
  router.use('/api/app', app);
  return router;

  /** A refusal the bot would tell the player: the same text, in their language, with its status. */
  async function answerPlayerError(res: Response, error: unknown, player: MiniAppPlayer): Promise<void> {
    if (!isTandemError(error) || !error.playerMessage) throw error;
    const { status, body } = toHttpError(error);
    if (status >= 500) throw error;
    const message = await deps.texts.render(player.language, error.playerMessage);
    res.status(status).json({ ...body, message });
  }
}

function playerOf(req: express.Request): MiniAppPlayer {
  if (!req.miniAppPlayer) throw new Error('requireInitData did not run before a Mini App route');
  return req.miniAppPlayer;
}
