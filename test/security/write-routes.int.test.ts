// Every write route of the admin API and of Bull Board, found by walking the routers (not a list
// kept by hand), is refused without a session and, unless operators are meant to have it, to an
// operator, and nothing is written. The hand-picked cases live in src/admin-api/auth.int.test.ts
// (the /api guards) and src/admin-api/bull-board.int.test.ts (empty, obliterate, pause; what an
// operator may retry); this file is their exhaustive counterpart.
import { appRoutes } from '@bull-board/api/dist/routes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullBoardPath } from '../../src/admin-api/bull-board.ts';
import { type AdminApiWorld, openAdminApiWorld } from '../support/admin-api-world.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { type AppRoute, concretePath, writeRoutes } from './support/routes.ts';

let world: AdminApiWorld;
let operator: string;
let apiWrites: AppRoute[];
let boardWrites: AppRoute[];

/** Sign-in and sign-out are the two writes a visitor without a session makes on purpose. */
const publicWrites = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);

/**
 * What an operator may write, written out here rather than read from the guards (a guard that
 * grew would otherwise widen this test with it): their own session and password, retrying sync
 * events, and retrying, cleaning and promoting jobs on the board. A new operator action is a
 * decision that changes this list too.
 */
const operatorWrites = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/sync_events/retry',
  'POST /api/sync_events/:id/retry',
  // Starts a full reconcile audit: it checks and restores totals as the scheduled reconcile does.
  'POST /api/reconcile/audit',
  // Renders an unsaved text to show how it reads; it stores nothing (src/admin-api/auth/require-role.ts).
  'POST /api/texts/:key/preview',
  // Signing themselves up for alerts by DM, and stopping them: their own account only (src/alerts).
  'POST /api/pager/code',
  'DELETE /api/pager/:platform',
  ...[
    'retry/:queueStatus',
    'clean/:queueStatus',
    'promote',
    ':jobId/retry',
    ':jobId/clean',
    ':jobId/promote',
  ].map((action) => `PUT ${bullBoardPath}/api/queues/:queueName/${action}`),
]);

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
  await world.createAdmin('oscar', 'operator');
  operator = await world.signIn('oscar');
  // The Mini App's API signs players in by Telegram's init data, not by an admin session: its
  // refusals are checked in src/admin-api/app-api/app-api.int.test.ts.
  apiWrites = writeRoutes(world.started.api.app, '/api/').filter(
    (route) => !route.path.startsWith('/api/app/'),
  );
  // Bull Board mounts an express app of its own, which the walk cannot enter: its route table is public.
  boardWrites = appRoutes.api.flatMap((route) =>
    [route.method]
      .flat()
      .filter((method) => method !== 'get')
      .flatMap((method) =>
        [route.route]
          .flat()
          .map((path) => ({ method: method.toUpperCase(), path: `${bullBoardPath}${path}` })),
      ),
  );
  // A job waiting in a queue: a refused empty, clean or obliterate that went through would remove it.
  const playerId = await world.tandem.createPlayer('Waiting');
  await world.tandem.engine.record({
    key: `tg-game-waiting-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'telegram',
    xpDelta: 10,
    reason: 'game',
  });
});
afterAll(async () => {
  await world?.stop();
});

/** The request a route gets: its path filled in (real queue names on the board) and an empty JSON body. */
function send(route: AppRoute, cookie?: string): Promise<Response> {
  const path = concretePath(route.path.replace(':queueName', 'economy-events'));
  return world.call(path, { method: route.method, cookie, body: {} });
}

async function queueState() {
  return Promise.all(
    world.tandem.queues.all().map(async (queue) => ({
      name: queue.name,
      paused: await queue.isPaused(),
      counts: await queue.getJobCounts(),
      schedulers: await queue.getJobSchedulersCount(),
    })),
  );
}

describe('every write route', () => {
  it('is found: the walk still sees the routers', () => {
    const api = apiWrites.map((r) => `${r.method} ${r.path}`);
    expect(api.length).toBeGreaterThanOrEqual(30);
    for (const known of [
      'POST /api/ranks/',
      'PUT /api/players/:id',
      'DELETE /api/tasks/:id',
      'POST /api/payouts/:id/approve',
      'PUT /api/settings/:key',
      'POST /api/admins/',
      'POST /api/auth/password',
    ])
      expect(api).toContain(known);
    expect(boardWrites.length).toBeGreaterThanOrEqual(15);
    expect(boardWrites).toContainEqual({
      method: 'PUT',
      path: `${bullBoardPath}/api/queues/:queueName/obliterate`,
    });
  });

  it('is refused without a session, and writes nothing', async () => {
    const before = { db: await databaseFingerprint(world.tandem.db.pool), queues: await queueState() };
    for (const route of [...apiWrites, ...boardWrites]) {
      if (publicWrites.has(`${route.method} ${route.path}`)) continue;
      const response = await send(route);
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before.db);
    expect(await queueState()).toEqual(before.queues);
  });

  it("is refused to an operator unless it is one of an operator's actions, and writes nothing", async () => {
    const before = { db: await databaseFingerprint(world.tandem.db.pool), queues: await queueState() };
    let refused = 0;
    for (const route of [...apiWrites, ...boardWrites]) {
      if (operatorWrites.has(`${route.method} ${route.path}`)) continue;
      const response = await send(route, operator);
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
      refused++;
    }
    expect(refused).toBe(apiWrites.length + boardWrites.length - operatorWrites.size);
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before.db);
    expect(await queueState()).toEqual(before.queues);
  });
});
