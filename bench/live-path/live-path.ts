import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAdminApi } from '../../src/admin-api/app.ts';
import { hashPassword } from '../../src/admin-api/auth/passwords.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import type { EntityChange } from '../../src/live/changes.ts';
import type { BenchContext } from '../shared/bench-context.ts';
import { backgroundCores, cpuBetween, cpuSnapshot } from '../shared/cpu.ts';
import { deletePrefix, uniquePrefix } from '../shared/infra.ts';
import { openBenchServices } from '../shared/services.ts';
import { boundedAll, epochMs, type Percentiles, percentiles, round, sleep } from '../shared/stats.ts';
import { clientsChannel, deliveries } from './live-pages.ts';

/**
 * The live path: N signed-in admin pages (socket.io clients in a process of their own, one admin
 * and one session each, signed in through `POST /api/auth/login`) on the admin API as `npm run api`
 * serves it, while entity changes are published at a steady rate through `changes.publish` (Redis
 * pub/sub, what every service calls after a commit). Measured per page and per change: publish ->
 * the page's `changes` message holding it. The gateway batches changes (one message per window,
 * 100 ms by default), so that window is part of the figure; the breakdown splits it out.
 */

export const livePathTarget = { p99_ms: 200 };

/** Changes published before the measured ones, unmeasured: connections and JIT warm up. */
const warmupChanges = 10;
const password = 'bench-live-password';

export interface LivePathParams {
  clients: number;
  changes: number;
  rate: number;
  /** The gateway's batching window; undefined keeps its default. */
  intervalMs: number | undefined;
  say: (line: string) => void;
}

export interface LivePathResult {
  clients: number;
  /** How the pages are signed in. */
  sessions: string;
  changes: number;
  rate_per_s: number;
  gateway_interval_ms: number;
  connected: number;
  on_websocket: number;
  connect_seconds: number;
  /** clients x changes. */
  deliveries_expected: number;
  deliveries: number;
  /** Deliveries that arrived as an entity's `many` line (a page refetches the list) rather than by id. */
  deliveries_as_many: number;
  messages: number;
  /** Server-side disconnections during the measurement. */
  disconnects: number;
  /** Publish -> received by the page, every (page, change). */
  latency_ms: Percentiles;
  breakdown_ms: {
    /** Publish -> the gateway sent the batch holding the change (the message's `at`, ms resolution). */
    gateway_batching: Percentiles;
    /** The gateway sent the batch -> the page had it (socket.io fan-out to every page). */
    fan_out: Percentiles;
  };
  /** How late each publish was against its schedule (the bench process's own lag). */
  publish_lag_ms: { p99: number; max: number };
  target_p99_ms: number;
  target_met: boolean;
  background_cores: number;
  cores_used: Record<string, number>;
  seconds: number;
}

export async function runLivePath(ctx: BenchContext, params: LivePathParams): Promise<LivePathResult> {
  const startedAt = Date.now();
  const { say } = params;
  const prefix = uniquePrefix('live');
  const bench = await openBenchServices({
    databaseUrl: ctx.database.url,
    poolSize: 10,
    redisUrl: ctx.options.redisUrl,
    prefix,
    profile: false,
  });
  const { prisma } = bench.services.db;
  const usernames = Array.from({ length: params.clients }, (_, i) => `bench-live-${i}`);
  await prisma.admin.deleteMany({ where: { username: { in: usernames } } });
  // One hash for all: the sign-ins still verify the password, each on its own session.
  const passwordHash = await hashPassword(password);
  await prisma.admin.createMany({
    data: usernames.map((username) => ({ username, role: 'operator' as const, passwordHash })),
  });
  const api = await startAdminApi(bench.services, {
    port: 0,
    host: '127.0.0.1',
    live: params.intervalMs === undefined ? undefined : { intervalMs: params.intervalMs },
  });
  let child: ChildProcess | undefined;
  try {
    const cookies: string[] = [];
    await boundedAll(usernames.length, 8, async (i) => {
      cookies[i] = await signIn(api.url, usernames[i]!);
    });
    say(`live path: ${cookies.length} admins signed in (one session each)`);

    child = fork(fileURLToPath(new URL('./live-clients.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const clients = clientsChannel(child);
    clients.send({ type: 'connect', url: api.url, cookies, timeoutMs: 10_000 });
    const connected = await clients.next('connected', 60_000);
    say(
      `live path: ${connected.connected} pages connected (${connected.websocket} on websocket) in ${connected.ms} ms` +
        (connected.refused.length ? `; refused: ${connected.refused.join(', ')}` : ''),
    );

    const publish = (id: string) =>
      bench.services.changes.publish({ entity: 'players', action: 'updated', id } satisfies EntityChange);
    clients.send({ type: 'expect', idPrefix: 'w-', count: warmupChanges });
    const warmedUp = clients.next('all-received', 10_000).catch(() => null);
    await publishAtRate(warmupChanges, params.rate, (i) => publish(`w-${i}`));
    await warmedUp;
    await sleep(500);

    const interval = params.intervalMs ?? 100;
    const publishedAt: number[] = [];
    clients.send({ type: 'expect', idPrefix: 'm-', count: params.changes });
    const allReceived = clients.next(
      'all-received',
      (params.changes / params.rate) * 1000 + interval + 10_000,
    );
    const cpuBefore = cpuSnapshot();
    const lags = await publishAtRate(params.changes, params.rate, async (i) => {
      publishedAt[i] = epochMs();
      await publish(`m-${i}`);
    });
    const complete = await allReceived.then(
      () => true,
      () => false,
    );
    const cpu = cpuBetween(cpuBefore, cpuSnapshot(), new Set([process.pid, child.pid!]));
    if (!complete) say('live path: not every page heard of every change; counting what arrived');
    clients.send({ type: 'report' });
    const report = await clients.next('report', 60_000);
    const figures = deliveries(report.clients, publishedAt);
    const latency = percentiles(figures.latency);
    const lagPct = percentiles(lags);
    return {
      clients: params.clients,
      sessions: 'one admin and one session per page, signed in through POST /api/auth/login',
      changes: params.changes,
      rate_per_s: params.rate,
      gateway_interval_ms: interval,
      connected: connected.connected,
      on_websocket: connected.websocket,
      connect_seconds: round(connected.ms / 1000, 1),
      deliveries_expected: params.clients * params.changes,
      deliveries: figures.latency.length,
      deliveries_as_many: figures.asMany,
      messages: figures.messages,
      disconnects: report.disconnects,
      latency_ms: latency,
      breakdown_ms: {
        gateway_batching: percentiles(figures.batching),
        fan_out: percentiles(figures.fanOut),
      },
      publish_lag_ms: { p99: lagPct.p99, max: lagPct.max },
      target_p99_ms: livePathTarget.p99_ms,
      target_met:
        figures.latency.length === params.clients * params.changes && latency.p99 < livePathTarget.p99_ms,
      background_cores: backgroundCores(cpu),
      // cpuBetween names every process of ours but its own 'worker process': here it is the pages.
      cores_used: Object.fromEntries(
        Object.entries(cpu.cores_used).map(([group, cores]) => [
          group === 'node (worker process)' ? 'node (socket.io clients)' : group,
          cores,
        ]),
      ),
      seconds: round((Date.now() - startedAt) / 1000, 1),
    };
  } finally {
    if (child && child.exitCode === null) child.kill();
    await api.close();
    await prisma.admin.deleteMany({ where: { username: { in: usernames } } }).catch(() => {});
    await bench.services.close();
    await deletePrefix(ctx.options.redisUrl, prefix);
  }
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    // Writes are accepted from the panel's origin only.
    headers: { origin: new URL(url).origin, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const token = new RegExp(`${sessionCookieName}=([^;]+)`).exec(
    response.headers.get('set-cookie') ?? '',
  )?.[1];
  if (response.status !== 200 || !token)
    throw new Error(`sign-in of ${username} answered ${response.status}`);
  return `${sessionCookieName}=${token}`;
}

/** Calls `fire(i)` on a fixed schedule (open loop); returns how late each call started, in ms. */
async function publishAtRate(
  count: number,
  rate: number,
  fire: (i: number) => Promise<void>,
): Promise<number[]> {
  const start = epochMs();
  const lags: number[] = [];
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - epochMs();
    if (wait > 0) await sleep(wait);
    lags.push(Math.max(0, epochMs() - due));
    inFlight.push(fire(i));
  }
  await Promise.all(inFlight);
  return lags;
}
