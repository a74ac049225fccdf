import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Registry } from 'prom-client';
import { createProcessMetrics, type TandemMetrics } from '../metrics/process-metrics.ts';
import { createAppApiRoutes } from './app-api/app-routes.ts';
import { createMiniAppPage } from './app-api/mini-app-page.ts';
import type { EndedSessions } from './auth/auth-routes.ts';
import { createAuthRoutes } from './auth/auth-routes.ts';
import { createLoginRateLimit, type LoginRateLimitOptions } from './auth/login-rate-limit.ts';
import { requireOwnPassword } from './auth/require-own-password.ts';
import { requireRoleForApi } from './auth/require-role.ts';
import { requireSession } from './auth/require-session.ts';
import type { SecureCookies } from './auth/session-cookie.ts';
import { createSessionStore } from './auth/session-store.ts';
import { bullBoardPath, createBullBoardRouter } from './bull-board.ts';
import type { AdminApiDeps } from './deps.ts';
import { apiErrorHandler, apiNotFound } from './error-handler.ts';
import { createPanelOriginCheck, type TrustProxy } from './http/panel-origin.ts';
import { requirePanelRequest } from './http/require-panel-request.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createLiveGateway, type LiveGateway, type LiveGatewayOptions } from './live/live-gateway.ts';
import { createApiMetrics } from './ops/api-metrics.ts';
import { createHealthRoutes } from './ops/health-routes.ts';
import { recordHttpDuration } from './ops/http-metrics.ts';
import { createMetricsRoute } from './ops/metrics-route.ts';
import { createPublicRoutes } from './public/public-routes.ts';
import { createResourcesRouter } from './resources/index.ts';
import { exceptXpImport } from './resources/xp-transfer.ts';
import { createStaticAdminRouter } from './static-admin.ts';
import './auth/request-admin.ts';

export interface AdminApiOptions {
  /** The built panel. @defaultValue `admin/dist` of this repository */
  adminDistDir?: string;
  /** The session cookie's Secure flag; `auto`: when the request came over https. @defaultValue `auto` */
  secureCookies?: SecureCookies;
  /** express's `trust proxy` (TRUST_PROXY). @defaultValue none trusted */
  trustProxy?: boolean | number | string;
  /**
   * Origins besides the API's own that the panel may be served from (ALLOWED_ORIGINS): writes and
   * the live feed from anywhere else are refused. @defaultValue none
   */
  allowedOrigins?: readonly string[];
  /** Idle time after which a session ends. @defaultValue 12 hours */
  sessionTtlSeconds?: number;
  /** @defaultValue 5 failures per address and username, 30 per address, in 15 minutes */
  loginRateLimit?: LoginRateLimitOptions;
  /** @defaultValue one `changes` message per 100 ms at most */
  live?: LiveGatewayOptions;
  /** The Telegram bot's token: it signs the Mini App's init data. Unset: the Mini App's API is off. */
  telegramBotToken?: string;
  /**
   * The process's metrics, which `/metrics` serves, with the API's own added to them.
   * @defaultValue a registry of the API's own
   */
  metrics?: TandemMetrics;
}

export interface AdminApi {
  app: express.Express;
  /** This process's metrics; pass it to `observeWorkers` where workers run in the same process. */
  metrics: Registry;
  /** Starts the live gateway (socket.io) on the server the app listens on. */
  attach(server: Server): Promise<LiveGateway>;
  /** Closes the live gateway, if attached (and with it the server it is attached to). */
  close(): Promise<void>;
}

/**
 * The admin API: monitoring probes, sign-in, the REST resources for react-admin, Bull Board and the
 * built panel. Order matters: public routes first, then the session guard, then the role guard, so
 * nothing under `/api` (but sign-in) is reachable without a session and no write without its role.
 * Before all of them, a write (sign-in included, against login CSRF) must come from the panel's
 * own pages: the session cookie alone does not prove it.
 */
export function createAdminApi(deps: AdminApiDeps, options: AdminApiOptions = {}): AdminApi {
  const secureCookies = options.secureCookies ?? 'auto';
  const sessions = createSessionStore(deps.redis, deps.queuePrefix, {
    ttlSeconds: options.sessionTtlSeconds,
  });
  const processMetrics = options.metrics ?? createProcessMetrics({ process: 'api' });
  const metrics = createApiMetrics(processMetrics, deps);
  let gateway: LiveGateway | undefined;
  let stopCountingClients: (() => void) | undefined;
  // Sign-out happens before the gateway may exist (tests without sockets): look it up when needed.
  const liveSessions: EndedSessions = {
    ended: (token) => gateway?.ended(token),
    endedAllOf: (adminId, keepToken) => gateway?.endedAllOf(adminId, keepToken),
  };

  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.use(recordHttpDuration(metrics.httpDuration));
  app.use(securityHeaders());
  // Read at each request: `trust proxy` may be set on the app after it is created.
  const trustProxy: TrustProxy = (address, index) => app.get('trust proxy fn')(address, index);
  const checkOrigin = createPanelOriginCheck({ allowedOrigins: options.allowedOrigins ?? [], trustProxy });

  app.use(createHealthRoutes(deps));
  app.use(createMetricsRoute(metrics.registry));
  app.get('/', (_req, res) => res.redirect(302, '/admin/'));
  // The public leaderboard: no session, before the API's guards.
  app.use(createPublicRoutes(deps));
  // The Telegram Mini App (/app/) and its API (/api/app): init data, not a session, before the guards.
  app.use(createMiniAppPage(), createAppApiRoutes(deps, { botToken: options.telegramBotToken }));

  const api = express.Router();
  // Before the body is parsed: a refused request is not read any further.
  api.use(requirePanelRequest(checkOrigin));
  api.use(exceptXpImport(express.json({ limit: '1mb' }))); // the import reads its larger file behind the guards
  api.use(
    '/auth',
    createAuthRoutes({
      prisma: deps.db.prisma,
      sessions,
      rateLimit: createLoginRateLimit(deps.redis, deps.queuePrefix, options.loginRateLimit),
      secureCookies,
      logger: deps.logger,
      liveSessions,
    }),
  );
  api.use(requireSession(deps.db.prisma, sessions));
  api.use(requireOwnPassword());
  api.use(requireRoleForApi());
  api.use(createResourcesRouter(deps));
  api.use(apiNotFound());
  app.use('/api', api);

  // Before the panel: `/admin/queues` would otherwise get the panel's index.html.
  app.use(
    bullBoardPath,
    // The board's page sends no header of its own: its writes are held to the origin alone.
    requirePanelRequest(checkOrigin, { requireHeaderWithoutBody: false }),
    createBullBoardRouter({ prisma: deps.db.prisma, sessions, queues: deps.queues.all() }),
  );
  app.use('/admin', createStaticAdminRouter(options.adminDistDir));
  app.use(apiErrorHandler(deps.logger));

  return {
    app,
    metrics: metrics.registry,
    async attach(server) {
      if (gateway) throw new Error('The live gateway is attached already.');
      gateway = await createLiveGateway(
        server,
        {
          prisma: deps.db.prisma,
          sessions,
          redisUrl: deps.redisUrl,
          prefix: deps.queuePrefix,
          logger: deps.logger,
          checkOrigin,
          trustProxy,
        },
        options.live,
      );
      const { io } = gateway;
      stopCountingClients = processMetrics.liveness.liveClients(() => io.of('/').sockets.size);
      return gateway;
    },
    async close() {
      stopCountingClients?.();
      await gateway?.close();
      gateway = undefined;
    },
  };
}

export interface StartedAdminApi {
  server: Server;
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  api: AdminApi;
  gateway: LiveGateway;
  /** Stops taking connections, closes live connections and waits for the server to close. */
  close(): Promise<void>;
}

/** Creates the admin API, listens on `port` (0: any free one) and attaches the live gateway. */
export async function startAdminApi(
  deps: AdminApiDeps,
  options: AdminApiOptions & { port: number; host?: string },
): Promise<StartedAdminApi> {
  const api = createAdminApi(deps, options);
  const server = createServer(api.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const gateway = await api.attach(server);
  const address = server.address() as AddressInfo;
  const host =
    !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    api,
    gateway,
    async close() {
      // Keep-alive connections would hold `close` open until they time out.
      server.closeIdleConnections();
      await api.close();
      server.closeAllConnections();
    },
  };
}
