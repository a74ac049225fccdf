import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';
import { servesInstallKeys } from '../redis/serves-install.ts';
import type { Services } from './services.ts';

/** One condition of readiness; a check that throws or takes too long counts as failed. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface ProcessProbeOptions {
  /** 0: any free port (see `url`). */
  port: number;
  /** @defaultValue every interface, as the API listens */
  host?: string;
  logger: Logger;
  /** A check that has not answered by then counts as failed: a hung dependency must not hang the probe. @defaultValue 2000 */
  checkTimeoutMs?: number;
  /**
   * The process's metrics: served on `/metrics`, with `tandem_process_ready` following `/readyz`.
   * @defaultValue no `/metrics`
   */
  metrics?: TandemMetrics;
}

/**
 * `/healthz`, `/readyz` and `/metrics` for a process that serves no API (worker, telegram, discord).
 * `/healthz` answers 200 as long as the process does (restart it when it does not). `/readyz`
 * answers 503 while the process starts, while any of its checks fails and once it is stopping, so
 * an orchestrator waits for it, and sees which check failed in the JSON body.
 */
export interface ProcessProbes {
  /** `http://host:port` with the port actually bound. */
  url: string;
  /** The role is running: from now on `/readyz` reports these checks. */
  ready(checks: Record<string, ReadinessCheck>): void;
  /** The process is shutting down: `/readyz` answers 503 from now on, `/healthz` still 200. */
  stopping(): void;
  close(): Promise<void>;
}

type State = 'starting' | 'running' | 'stopping';

/** Starts the probe server; it binds before the process opens anything, so a port in use fails fast. */
export async function startProcessProbes(options: ProcessProbeOptions): Promise<ProcessProbes> {
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  let state: State = 'starting';
  let checks: Record<string, ReadinessCheck> = {};

  const registry = options.metrics?.registry;
  const paths = registry ? '/healthz, /readyz or /metrics' : '/healthz or /readyz';
  const readiness = async () => {
    if (state !== 'running') return { ready: false, state };
    const results = await runChecks(checks, timeoutMs);
    return { ready: Object.values(results).every(Boolean), state, checks: results };
  };
  options.metrics?.readiness.follow(async () => (await readiness()).ready);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, { error: 'GET only' });
    if (path === '/healthz') return answer(res, 200, { ok: true, state });
    if (path === '/metrics' && registry) {
      void registry.metrics().then(
        (text) => send(res, 200, registry.contentType, text),
        (error: Error) => answer(res, 500, { error: error.message }),
      );
      return;
    }
    if (path !== '/readyz') return answer(res, 404, { error: `not found: ${paths}` });
    void readiness().then((body) => answer(res, body.ready ? 200 : 503, body));
  });
  // A probe is a short request: no keep-alive connection may hold close() open.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `HEALTH_PORT ${options.port} is in use (another Tandem process on this machine?): set HEALTH_PORT to another port, or 0 for any free one`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host =
    !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.logger.info({ url }, `probes listening: ${paths.replace(' or ', ', ')}`);

  return {
    url,
    ready(next) {
      checks = next;
      if (state === 'starting') state = 'running';
    },
    stopping() {
      state = 'stopping';
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/**
 * PostgreSQL answers and Redis serves the install's keys right now: what every Tandem process needs
 * to do its work.
 */
export function dependencyChecks(
  services: Pick<Services, 'db' | 'redis' | 'queuePrefix'>,
): Record<string, ReadinessCheck> {
  return {
    postgres: async () => {
      await services.db.pool.query('SELECT 1');
      return true;
    },
    redis: () => servesInstallKeys(services.redis, services.queuePrefix),
  };
}

/** Whether every check passes right now: the readiness of a process whose probes the API serves. */
export async function allChecksPass(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = 2000,
): Promise<boolean> {
  return Object.values(await runChecks(checks, timeoutMs)).every(Boolean);
}

async function runChecks(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const passed = await Promise.race([Promise.resolve().then(check), timedOut]).catch(() => false);
      clearTimeout(timer);
      return [name, passed === true] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
