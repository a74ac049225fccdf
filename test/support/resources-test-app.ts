import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RequestAdmin } from '../../src/admin-api/auth/request-admin.ts';
import { apiErrorHandler, apiNotFound } from '../../src/admin-api/error-handler.ts';
import { createResourcesRouter } from '../../src/admin-api/resources/index.ts';
import type { EntityChange } from '../../src/live/changes.ts';
import type { PlatformPorts } from '../../src/sync/ports.ts';
import { listenForChanges } from './announced-changes.ts';
import { openTestTandem, type TestTandem } from './services.ts';

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ListParams {
  sort?: [string, 'ASC' | 'DESC'];
  range?: [number, number];
  filter?: Record<string, unknown>;
  /** Keyset lists: the cursor of the neighbour page (`X-Next-Cursor` / `X-Previous-Cursor`). */
  after?: string;
  before?: string;
}

export interface ResourcesTestApp {
  tandem: TestTandem;
  /** The admin the stub session puts on every request (a real row of `admins`). */
  admin: RequestAdmin;
  /** Every change announced since the app opened, in order. */
  announced: EntityChange[];
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** A list request in react-admin's dialect: `?sort=[..]&range=[..]&filter={..}`. */
  list<T = Record<string, unknown>>(resource: string, params?: ListParams): Promise<ApiAnswer<T[]>>;
  close(): Promise<void>;
}

/**
 * The resources router on a bare express app, as `/api` mounts it but with a stub session: every
 * request is made by `admin` (role checks are the API's guard's, tested with it). Real Postgres and
 * Redis, a fresh database of its own.
 */
export async function openResourcesTestApp(
  options: { role?: RequestAdmin['role']; attempts?: number; ports?: PlatformPorts } = {},
): Promise<ResourcesTestApp> {
  const tandem = await openTestTandem({ attempts: options.attempts, ports: options.ports });
  const row = await tandem.db.prisma.admin.create({
    data: { username: 'alice', passwordHash: 'not-a-real-hash', role: options.role ?? 'admin' },
  });
  const admin: RequestAdmin = {
    id: row.id,
    username: row.username,
    role: row.role,
    mustChangePassword: false,
  };
  const { announced, subscription } = await listenForChanges(tandem);

  const app = express();
  app.use((req, _res, next) => {
    req.admin = admin;
    next();
  });
  app.use('/api', createResourcesRouter(tandem), apiNotFound());
  app.use(apiErrorHandler(tandem.logger));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

  const request = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
    };
  };

  return {
    tandem,
    admin,
    announced,
    request,
    list(resource, params = {}) {
      const query = new URLSearchParams();
      if (params.sort) query.set('sort', JSON.stringify(params.sort));
      if (params.range) query.set('range', JSON.stringify(params.range));
      if (params.filter) query.set('filter', JSON.stringify(params.filter));
      if (params.after) query.set('after', params.after);
      if (params.before) query.set('before', params.before);
      const search = query.size > 0 ? `?${query}` : '';
      return request('GET', `/${resource}${search}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await subscription.close();
      await tandem.stop();
    },
  };
}

/** The total react-admin reads from `Content-Range`. */
export function totalOf(answer: ApiAnswer): number {
  const range = answer.headers.get('content-range');
  if (!range) throw new Error(`no Content-Range header (status ${answer.status})`);
  return Number(range.split('/').pop());
}
