import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { type Express, Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { choosePasswordFirst, mustChoosePassword } from './auth/require-own-password.ts';
import { requireSessionOrSignIn } from './auth/require-session.ts';
import type { SessionStore } from './auth/session-store.ts';
import { HttpError } from './http/http-error.ts';

/** Where the board lives; the panel links to it. */
export const bullBoardPath = '/admin/queues';
/** Where a person without a session is sent: the panel's sign-in page. */
export const signInPage = '/admin/#/login';

/**
 * The board's API calls an operator may make: read anything; retry, clean and promote jobs, one or
 * a whole state. Pausing, emptying or obliterating a queue, adding or editing jobs and changing limits
 * or schedulers need the admin role.
 */
const operatorBoardWrites = [
  /^\/api\/queues\/[^/]+\/[^/]+\/(retry|clean|promote)$/,
  /^\/api\/queues\/[^/]+\/(retry|clean)\/[^/]+$/,
  /^\/api\/queues\/[^/]+\/promote$/,
];

export function operatorMayOnBoard(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return method === 'PUT' && operatorBoardWrites.some((pattern) => pattern.test(path));
}

/** The board's page asks Google for its IBM Plex fonts; its CSS falls back to the system's. */
const remoteFontLinks = /<link\b[^>]*\bhref="https:\/\/fonts\.(googleapis|gstatic)\.com\/[^"]*"[^>]*>\s*/g;

type RenderFile = (
  file: string,
  options: object,
  callback: (error: Error | null, html?: string) => void,
) => void;

/**
 * Renders the board's page without the links to Google's fonts: the panel's content security
 * policy allows nothing from another origin, and an admin page should not tell Google who opens
 * it. The board's own renderer stays in charge; only its output is filtered.
 */
function dropRemoteFonts(board: Express): void {
  // express keeps its registered view engines here (not in its type definitions).
  const engines = (board as Express & { engines: Record<string, RenderFile | undefined> }).engines;
  const render = engines['.ejs'];
  if (!render) throw new Error("Bull Board's page renderer is not where it used to be (`.ejs`).");
  board.engine('ejs', (file, options, callback) =>
    render(file, options, (error, html) =>
      error ? callback(error) : callback(null, html?.replace(remoteFontLinks, '')),
    ),
  );
}

export interface BullBoardDeps {
  prisma: PrismaClient;
  sessions: SessionStore;
  queues: readonly Queue[];
}

/**
 * Bull Board for every queue at `/admin/queues`, behind the panel's sign-in (it has no auth of its
 * own). Retrying a sync job here is safe: its processor skips an event already completed and
 * completes a failed one once.
 */
export function createBullBoardRouter(deps: BullBoardDeps): Router {
  const serverAdapter = new ExpressAdapter().setBasePath(bullBoardPath);
  createBullBoard({
    queues: deps.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'Tandem queues',
        miscLinks: [{ text: 'Admin panel', url: '/admin/' }],
        hideDocsLink: true,
      },
    },
  });
  const board = serverAdapter.getRouter() as Express;
  // An express app of its own, which would name express again after the API left it out.
  board.disable('x-powered-by');
  dropRemoteFonts(board);
  const router = Router();
  router.use(
    requireSessionOrSignIn(deps.prisma, deps.sessions, (path) => path.startsWith('/api/'), signInPage),
    (req, _res, next) => {
      if (mustChoosePassword(req.admin)) throw new HttpError(403, choosePasswordFirst);
      if (req.admin?.role === 'admin' || operatorMayOnBoard(req.method, req.path)) return next();
      throw new HttpError(
        403,
        'Operators can retry, clean and promote jobs; this action needs the admin role.',
      );
    },
    board,
  );
  return router;
}
