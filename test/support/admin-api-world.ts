import { type AdminApiOptions, type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { hashPassword } from '../../src/admin-api/auth/passwords.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import {
  panelRequestHeader,
  panelRequestHeaderValue,
} from '../../src/admin-api/http/require-panel-request.ts';
import type { TandemMetrics } from '../../src/metrics/process-metrics.ts';
import type { PlatformPorts } from '../../src/sync/ports.ts';
import { openTestTandem, type TestTandem } from './services.ts';

export interface AdminApiWorld {
  tandem: TestTandem;
  started: StartedAdminApi;
  url: string;
  /** Creates an admin with this password (at least 10 characters). */
  createAdmin(username: string, role?: 'admin' | 'operator', password?: string): Promise<string>;
  /** Signs in and returns the `Cookie` header value of the session. */
  signIn(username: string, password?: string): Promise<string>;
  /**
   * fetch against the API as the panel's pages call it (its origin and header), no redirects
   * followed, with a session cookie and a JSON body if given.
   */
  call(
    path: string,
    init?: { method?: string; cookie?: string; body?: unknown; address?: string },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export const testPassword = 'correct horse battery';

/** The headers every call of the panel at `url` carries: its origin and its own header. */
export function panelHeaders(url: string): Record<string, string> {
  return { origin: new URL(url).origin, [panelRequestHeader]: panelRequestHeaderValue };
}

/** A fresh Tandem (own database and queue prefix) with its admin API listening on a free port. */
export async function openAdminApiWorld(
  options: {
    api?: AdminApiOptions;
    ports?: PlatformPorts;
    attempts?: number;
    backoffMs?: number;
    /** Another Redis than the shared test one (a cluster), as openTestTandem takes it. */
    redisUrl?: string;
    hashTagPrefix?: boolean;
    metrics?: TandemMetrics;
  } = {},
): Promise<AdminApiWorld> {
  const tandem = await openTestTandem({
    ports: options.ports,
    attempts: options.attempts,
    backoffMs: options.backoffMs,
    redisUrl: options.redisUrl,
    hashTagPrefix: options.hashTagPrefix,
    metrics: options.metrics,
  });
  // As `npm run api` does: what the engine and workers count is served on the API's /metrics.
  const started = await startAdminApi(tandem, {
    port: 0,
    host: '127.0.0.1',
    metrics: tandem.metrics,
    ...options.api,
  });
  const call: AdminApiWorld['call'] = (path, init = {}) =>
    fetch(`${started.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      redirect: 'manual',
      headers: {
        ...panelHeaders(started.url),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        // Lets a test stand for several clients (read by express with `trust proxy`).
        ...(init.address ? { 'x-forwarded-for': init.address } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    tandem,
    started,
    url: started.url,
    async createAdmin(username, role = 'admin', password = testPassword) {
      const admin = await tandem.db.prisma.admin.create({
        data: { username, role, passwordHash: await hashPassword(password) },
      });
      return admin.id;
    },
    async signIn(username, password = testPassword) {
      const response = await call('/api/auth/login', { body: { username, password } });
      if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      const token = new RegExp(`${sessionCookieName}=([^;]+)`).exec(setCookie)?.[1];
      if (!token) throw new Error(`sign-in of ${username} set no session cookie`);
      return `${sessionCookieName}=${token}`;
    },
    call,
    async stop() {
      await started.close();
      await tandem.stop();
    },
  };
}

/** An answer's JSON body, read loosely: the assertions say what it must hold. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export const json = (response: Response): Promise<any> => response.json();
