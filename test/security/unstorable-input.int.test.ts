// Input PostgreSQL cannot store or compare: NUL characters in text, ledger row numbers past the
// 64-bit range, dates outside what timestamptz holds, and a path whose %-escapes do not decode.
// Each is answered 4xx with a message that names the problem, never 500, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../support/admin-api-world.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { listRoutes } from './support/routes.ts';

let world: AdminApiWorld;
let cookie: string;
let playerId: string;

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
  cookie = await world.signIn('alice');
  playerId = await world.tandem.createPlayer('Target');
});
afterAll(async () => {
  await world?.stop();
});

const nul = 'a\u0000b';

function list(resource: string, filter: Record<string, unknown>): Promise<Response> {
  return world.call(`/api/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`, { cookie });
}

/** Sends each request, expects its status and a message matching `problem`; nothing may be written. */
async function expectRefused(
  cases: Array<[what: string, request: () => Promise<Response>, status: number, problem: RegExp]>,
): Promise<void> {
  const before = await databaseFingerprint(world.tandem.db.pool);
  for (const [what, request, status, problem] of cases) {
    const response = await request();
    const body = await json(response);
    expect({ what, status: response.status, message: body.message }).toEqual({
      what,
      status,
      message: expect.stringMatching(problem),
    });
  }
  expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
}

describe('NUL characters', () => {
  it('are refused in what the admin writes, naming the field', async () => {
    const writes: Array<[string, string, string, Record<string, unknown>]> = [
      [
        'the reason of an adjustment',
        'POST',
        `/api/players/${playerId}/adjustments`,
        { xpDelta: 5, reason: nul },
      ],
      ['a rename', 'PUT', `/api/players/${playerId}`, { displayName: nul }],
      ['a rank name', 'POST', '/api/ranks', { name: nul, minXp: 77_777 }],
      ['an achievement name', 'POST', '/api/achievements', { slug: 'nul', name: nul, description: 'x' }],
      ['a scenario text', 'POST', '/api/scenarios', { slug: 'nul', title: 'Nul', text: nul }],
      ['a task title', 'POST', '/api/tasks', { title: nul, description: 'x', xpReward: 1 }],
      [
        'an admin username',
        'POST',
        '/api/admins',
        { username: nul, role: 'admin', password: 'long enough pw' },
      ],
    ];
    await expectRefused(
      writes.map(([what, method, path, body]) => [
        what,
        () => world.call(path, { method, cookie, body }),
        400,
        /NUL/,
      ]),
    );
  });

  it('are refused in list filters and searches', async () => {
    await expectRefused([
      ['players q', () => list('players', { q: nul }), 400, /filter\.q: .*NUL/],
      ['ledger reason', () => list('ledger', { reason: nul }), 400, /filter\.reason: .*NUL/],
      ['tasks q', () => list('tasks', { q: nul }), 400, /NUL/],
      ['sync events q', () => list('sync_events', { q: nul }), 400, /NUL/],
    ]);
  });

  it('are refused at sign-in without a server error', async () => {
    await expectRefused([
      [
        'a username with NUL',
        () => world.call('/api/auth/login', { body: { username: nul, password: 'whatever it is' } }),
        400,
        /NUL/,
      ],
    ]);
  });
});

describe('ledger row numbers past 2^63', () => {
  it('name no row, in the path and in filters', async () => {
    await expectRefused([
      ['20 digits', () => world.call('/api/ledger/99999999999999999999', { cookie }), 404, /no ledger row/],
      ['19 digits', () => world.call('/api/ledger/9999999999999999999', { cookie }), 404, /no ledger row/],
      ['2^63', () => world.call('/api/ledger/9223372036854775808', { cookie }), 404, /no ledger row/],
      [
        'filter id',
        () => list('ledger', { id: '9999999999999999999' }),
        400,
        /filter\.id.*9223372036854775807/,
      ],
      ['filter ids', () => list('ledger', { id: ['1', '99999999999999999999'] }), 400, /filter\.id/],
    ]);
    const largest = await world.call('/api/ledger/9223372036854775807', { cookie });
    expect(largest.status).toBe(404);
  });
});

describe('dates outside what PostgreSQL stores', () => {
  it('are refused in filters, naming the range', async () => {
    const dates = ['-271821-04-20', '+275760-09-13', '-004714-01-01', '+010000-01-01'];
    await expectRefused(
      dates.flatMap((date) => [
        [
          `ledger from ${date}`,
          () => list('ledger', { createdAt_gte: date }),
          400,
          /createdAt_gte: .*between/,
        ],
        [
          `payouts to ${date}`,
          () => list('payouts', { createdAt_lte: date }),
          400,
          /createdAt_lte: .*between/,
        ],
        [
          `sync states from ${date}`,
          () => list('sync_states', { lastReconcileAt_gte: date }),
          400,
          /lastReconcileAt_gte: .*between/,
        ],
      ]),
    );
    const ordinary = await list('ledger', {
      createdAt_gte: '2026-01-01',
      createdAt_lte: '2026-12-31T23:59:59Z',
    });
    expect(ordinary.status).toBe(200);
  });
});

describe('a malformed %-escape in a path', () => {
  it('is a 400 that says the path does not decode', async () => {
    await expectRefused([
      ['player id', () => world.call('/api/players/%E0%A4%A', { cookie }), 400, /%-escape|decode/],
      ['ledger id', () => world.call('/api/ledger/%ZZ', { cookie }), 400, /%-escape|decode/],
      [
        'a write',
        () => world.call('/api/players/%E0%A4%A', { method: 'PUT', cookie, body: { displayName: 'x' } }),
        400,
        /%-escape|decode/,
      ],
    ]);
  });
});

describe('every API route', () => {
  it('answers 4xx, never 500, to path parameters PostgreSQL cannot take, and writes nothing', async () => {
    const routes = listRoutes(world.started.api.app).filter(
      (route) => route.path.startsWith('/api/') && route.path.includes('/:'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const before = await databaseFingerprint(world.tandem.db.pool);
    for (const value of ['%00', 'a%00b', '99999999999999999999', '9223372036854775808', '-1', '%E0%A4%A']) {
      for (const route of routes) {
        const path = route.path.replace(/:\w+/g, value);
        const response = await world.call(path, {
          method: route.method,
          cookie,
          body: route.method === 'GET' ? undefined : { version: 1 },
        });
        expect(response.status, `${route.method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${route.method} ${path}`).toBeLessThan(500);
      }
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
  });
});
