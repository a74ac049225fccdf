// Password guessing against the sign-in, with the settings a deployment starts with: no proxy
// trusted, 5 failures per address and username. src/admin-api/auth.int.test.ts checks the two limits
// themselves (behind a trusted proxy, with small budgets); these are the ways around them a guesser
// would try: a forged X-Forwarded-For per attempt, another spelling of the username, another API
// process of the same installation; a burst of parallel guesses; guessing the current password
// of a stolen session on the password change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { verifyPassword } from '../../src/admin-api/auth/passwords.ts';
import {
  type AdminApiWorld,
  json,
  openAdminApiWorld,
  panelHeaders,
  testPassword,
} from '../support/admin-api-world.ts';

let world: AdminApiWorld;
/** A second API process on the same Redis and database, as behind a load balancer. */
let second: StartedAdminApi;

beforeAll(async () => {
  world = await openAdminApiWorld();
  second = await startAdminApi(world.tandem, { port: 0, host: '127.0.0.1' });
  await world.createAdmin('alice', 'admin');
  await world.createAdmin('bob', 'admin');
  await world.createAdmin('carol', 'admin');
});
afterAll(async () => {
  await second?.close();
  await world?.stop();
});

function signIn(url: string, username: string, password: string, forwardedFor: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { ...panelHeaders(url), 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  });
}

describe('guessing a password', () => {
  it('is stopped after 5 failures with Retry-After, whatever X-Forwarded-For says, on every API process', async () => {
    for (let i = 1; i <= 5; i++) {
      // A new "address" per attempt: ignored, since no proxy is trusted.
      const wrong = await signIn(world.url, 'alice', `guess-${i}`, `203.0.113.${i}`);
      expect(wrong.status, `attempt ${i}`).toBe(401);
    }
    for (const [url, username] of [
      [world.url, 'alice'],
      [world.url, 'ALICE'],
      [second.url, 'alice'],
    ] as const) {
      // The right password does not help any more, and opens no session.
      const blocked = await signIn(url, username, testPassword, '198.51.100.7');
      expect(blocked.status, `${username} on ${url}`).toBe(429);
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.headers.get('set-cookie')).toBeNull();
      expect((await json(blocked)).message).toMatch(/Too many failed sign-ins/);
    }
    const admin = await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'alice' } });
    expect(admin.lastLoginAt).toBeNull();
  });
});

describe('a burst of parallel guesses', () => {
  it('gets at most 5 passwords checked: each try is counted before its check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(world.url, 'bob', `parallel-guess-${i}`, '192.0.2.1')),
    );
    const statuses = answers.map((answer) => answer.status);
    // A 401 is a checked password; a 429 was refused before the check.
    expect(statuses.filter((status) => status === 401).length).toBe(5);
    expect(statuses.filter((status) => status === 429).length).toBe(95);
    expect((await signIn(second.url, 'bob', testPassword, '192.0.2.1')).status).toBe(429);
  });
});

describe('guessing the current password of a session', () => {
  it('is stopped after 5 wrong ones like a sign-in, and the right one then changes nothing', async () => {
    const cookie = await world.signIn('carol');
    const change = (currentPassword: string) =>
      world.call('/api/auth/password', {
        cookie,
        body: { currentPassword, newPassword: 'Quartz lantern 42 orbit' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await change(`wrong current ${i}`)).status);
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(7).fill(429)]);
    const blocked = await change(testPassword);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(blocked)).message).toMatch(/Too many wrong current passwords/);
    const carol = await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'carol' } });
    expect(await verifyPassword(testPassword, carol.passwordHash)).toBe(true);
  });
});
