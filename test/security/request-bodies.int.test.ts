// Bodies the admin API must not take: over 1 MB (as sent, or once inflated), not JSON, JSON that is
// not an object, nested past reason. Each is answered 4xx and writes nothing, on the public sign-in
// and on writes by a signed-in admin. A malformed sign-in is covered by src/admin-api/auth.int.test.ts.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld, panelHeaders } from '../support/admin-api-world.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';

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

/** Just over the API's 1 MB limit, in a body that is otherwise a valid write. */
const padding = 'x'.repeat(1024 * 1024);

function send(path: string, method: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${world.url}${path}`, {
    method,
    headers: { ...panelHeaders(world.url), cookie, 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('a request body the API must not take', () => {
  it('is answered 4xx and writes nothing, on sign-in and on every kind of write', async () => {
    const writes: Array<[string, string, Record<string, unknown>]> = [
      ['/api/ranks', 'POST', { name: 'Big', minXp: 77_777, priority: 777 }],
      [`/api/players/${playerId}`, 'PUT', { displayName: 'Renamed', version: 1 }],
      [`/api/players/${playerId}/adjustments`, 'POST', { xpDelta: 5, reason: 'big body' }],
      ['/api/settings/economy', 'PUT', { dailyBonusXp: 1 }],
    ];
    const before = await databaseFingerprint(world.tandem.db.pool);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const [path, method, valid] of [
      ['/api/auth/login', 'POST', { username: 'alice' }] as const,
      ...writes,
    ]) {
      const cases: Array<[string, Promise<Response>, number]> = [
        ['over 1 MB', send(path, method, JSON.stringify({ ...valid, padding })), 413],
        [
          'over 1 MB once inflated',
          send(path, method, gzipSync(JSON.stringify({ ...valid, padding })), { 'content-encoding': 'gzip' }),
          413,
        ],
        ['cut short', send(path, method, JSON.stringify(valid).slice(0, -3)), 400],
        ['a bare string', send(path, method, '"alice"'), 400],
        ['an array', send(path, method, JSON.stringify([valid])), 400],
        ['nested 100,000 deep', send(path, method, deep), 400],
      ];
      for (const [what, answer, status] of cases) {
        const response = await answer;
        expect(response.status, `${method} ${path}: ${what}`).toBe(status);
        expect(response.headers.get('set-cookie'), `${method} ${path}: ${what}`).toBeNull();
      }
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
  });

  it('says what was wrong, and the API keeps answering', async () => {
    const big = await send('/api/ranks', 'POST', JSON.stringify({ padding }));
    expect((await json(big)).message).toBe('The request body is too large.');
    const cut = await send('/api/ranks', 'POST', '{"name": ');
    expect((await json(cut)).message).toBe('The request body is not valid JSON.');
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(200);
  });
});
