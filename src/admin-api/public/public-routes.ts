import express, { type Router } from 'express';
import { isTandemError } from '../../core/errors.ts';
import { LeaderboardNotPublicError, publicBoardPage } from '../../leaderboard/public-board.ts';
import {
  publicSeasonBoardPage,
  publicSeasons,
  SeasonNotFoundError,
} from '../../seasons/public-season-board.ts';
import type { AdminApiDeps } from '../deps.ts';
import { renderBoardPage, renderNotPublicPage } from './board-page.ts';
import { boardPageLanguage } from './board-page-language.ts';
import { createPublicRateLimit, type PublicRateLimitOptions } from './public-rate-limit.ts';

/**
 * What anyone may read without signing in: the public leaderboard as JSON
 * (`GET /api/public/leaderboard?page=&perPage=`; seasons at `/api/public/leaderboard/seasons[/:id]`)
 * and as a page (`GET /leaderboard`, `?lang=` or the
 * browser's language). Both are 404 while the community keeps its board private (the `leaderboard`
 * setting), and both are rate-limited per address. Mounted before the session guard.
 */
export function createPublicRoutes(
  deps: Pick<AdminApiDeps, 'db' | 'catalog' | 'redis' | 'queuePrefix'>,
  options: PublicRateLimitOptions = {},
): Router {
  const router = express.Router();
  const limit = createPublicRateLimit(deps.redis, deps.queuePrefix, options);

  router.get('/api/public/leaderboard', limit, async (req, res) => {
    const board = await publicBoardPage(deps, { page: req.query.page, perPage: req.query.perPage });
    // A page goes stale within seconds at most; shared caches may keep it that long.
    res.setHeader('Cache-Control', 'public, max-age=15');
    res.json(board);
  });

  // Season boards: the seasons that have started, and one season's board (XP gained in its window).
  router.get('/api/public/leaderboard/seasons', limit, async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=15');
    res.json({ seasons: await publicSeasons(deps) });
  });

  router.get('/api/public/leaderboard/seasons/:id', limit, async (req, res) => {
    const board = await publicSeasonBoardPage(deps, String(req.params.id), {
      page: req.query.page,
      perPage: req.query.perPage,
    });
    res.setHeader('Cache-Control', 'public, max-age=15');
    res.json(board);
  });

  router.get('/leaderboard', limit, async (req, res) => {
    const language = boardPageLanguage(req.query.lang, req.get('accept-language'));
    res.setHeader('Content-Language', language);
    res.vary('Accept-Language');
    try {
      const paging = { page: req.query.page, perPage: req.query.perPage };
      // `?season=<id>`: that season's board; without it, the lifetime board with links to the seasons.
      const html =
        req.query.season === undefined
          ? renderBoardPage(await publicBoardPage(deps, paging), language, await publicSeasons(deps))
          : renderBoardPage(await publicSeasonBoardPage(deps, String(req.query.season), paging), language);
      res.setHeader('Cache-Control', 'public, max-age=15');
      res.type('html').send(html);
    } catch (error) {
      if (error instanceof LeaderboardNotPublicError) {
        res.status(404).type('html').send(renderNotPublicPage(language));
        return;
      }
      if (error instanceof SeasonNotFoundError) {
        res.redirect(302, `/leaderboard?lang=${language}`);
        return;
      }
      if (isTandemError(error) && error.errorKind === 'invalid') {
        // A hand-typed page number out of range: the first page, rather than an error page.
        res.redirect(302, `/leaderboard?lang=${language}`);
        return;
      }
      throw error;
    }
  });

  return router;
}
