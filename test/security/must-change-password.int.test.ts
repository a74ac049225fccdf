// A session signed in with a password someone else knows (the printed one-time password, or one an
// admin chose for a new account) may only say who it is, change the password and sign out: every
// other route of the API, found by walking the routers, every route of Bull Board and the live feed
// refuse it until the password is changed. A password change ends the account's other sessions.
import { appRoutes } from '@bull-board/api/dist/routes.js';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choosePasswordFirst } from '../../src/admin-api/auth/require-own-password.ts';
import { bullBoardPath } from '../../src/admin-api/bull-board.ts';
import { type AdminApiWorld, json, openAdminApiWorld, testPassword } from '../support/admin-api-world.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { type AppRoute, concretePath, listRoutes } from './support/routes.ts';

let world: AdminApiWorld;
const sockets: Socket[] = [];
/** What a must-change session may do: who am I, change my password, sign out (and sign in again). */
const ownAccountRoutes = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
]);
const newPassword = 'Quartz lantern 42 orbit';

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await world?.stop();
});

/** An admin who has not chosen their own password yet, as the first start leaves one. */
async function mustChangeAdmin(username: string): Promise<string> {
  const id = await world.createAdmin(username, 'admin');
  await world.tandem.db.prisma.admin.update({ where: { id }, data: { mustChangePassword: true } });
  return id;
}

function openSocket(cookie: string): Socket {
  const socket = connect(world.url, {
    path: '/socket.io',
    reconnection: false,
    extraHeaders: { cookie, origin: new URL(world.url).origin },
  });
  sockets.push(socket);
  return socket;
}

/** How the handshake ended: `connected`, or the refusal's message. */
function handshake(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

function boardRoutes(): AppRoute[] {
  return [appRoutes.entryPoint, ...appRoutes.api].flatMap((route) =>
    [route.method].flat().flatMap((method) =>
      [route.route].flat().map((path) => ({
        method: method.toUpperCase(),
        path: `${bullBoardPath}${path === '/' ? '/' : path}`,
      })),
    ),
  );
}

function send(route: AppRoute, cookie: string): Promise<Response> {
  const path = concretePath(route.path.replace(':queueName', 'economy-events'));
  const reads = route.method === 'GET' || route.method === 'HEAD';
  return world.call(path, { method: route.method, cookie, body: reads ? undefined : {} });
}

describe('a session that has not chosen its own password', () => {
  it('is refused on every other API and Bull Board route, and changes nothing', async () => {
    await mustChangeAdmin('newbie');
    const cookie = await world.signIn('newbie');
    // The public board is open to anyone, and the Mini App's API signs players in by Telegram's
    // init data: neither reads an admin session.
    const apiRoutes = listRoutes(world.started.api.app).filter(
      (route) =>
        route.path.startsWith('/api/') &&
        !route.path.startsWith('/api/public/') &&
        !route.path.startsWith('/api/app/') &&
        !ownAccountRoutes.has(`${route.method} ${route.path}`),
    );
    const board = boardRoutes();
    expect(apiRoutes.length).toBeGreaterThanOrEqual(50);
    expect(board.length).toBeGreaterThanOrEqual(25);
    const before = await databaseFingerprint(world.tandem.db.pool);
    for (const route of [...apiRoutes, ...board]) {
      const answer = await send(route, cookie);
      const label = `${route.method} ${route.path}`;
      expect(answer.status, label).toBe(403);
      if (route.method !== 'HEAD') expect((await json(answer)).message, label).toBe(choosePasswordFirst);
    }
    // A route that does not exist says the same: nothing about the API is shown yet.
    expect((await world.call('/api/no-such-thing', { cookie })).status).toBe(403);
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before);
  });

  it('is refused on the live feed', async () => {
    await mustChangeAdmin('nina');
    const cookie = await world.signIn('nina');
    expect(await handshake(openSocket(cookie))).toBe(choosePasswordFirst);
    // An admin who chose their password connects.
    expect(await handshake(openSocket(await world.signIn('alice')))).toBe('connected');
  });

  it('says who it is, changes its password, and may then do everything its role allows', async () => {
    await mustChangeAdmin('otto');
    const cookie = await world.signIn('otto');
    expect(await json(await world.call('/api/auth/me', { cookie }))).toMatchObject({
      username: 'otto',
      mustChangePassword: true,
    });
    const changed = await world.call('/api/auth/password', {
      cookie,
      body: { currentPassword: testPassword, newPassword },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ mustChangePassword: false });
    expect((await world.call('/api/players', { cookie })).status).toBe(200);
    expect((await world.call(`${bullBoardPath}/api/queues`, { cookie })).status).toBe(200);
    expect(await handshake(openSocket(cookie))).toBe('connected');
    expect((await world.call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
  });
});

describe('an admin created by another admin', () => {
  it('chooses their own password at first sign-in', async () => {
    const alice = await world.signIn('alice');
    const created = await world.call('/api/admins', {
      cookie: alice,
      body: { username: 'dave', password: testPassword, role: 'admin' },
    });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ username: 'dave', mustChangePassword: true });

    const dave = await world.signIn('dave');
    expect(await json(await world.call('/api/auth/me', { cookie: dave }))).toMatchObject({
      mustChangePassword: true,
    });
    const refused = await world.call('/api/admins', {
      cookie: dave,
      body: { username: 'mallory', password: testPassword, role: 'admin' },
    });
    expect(refused.status).toBe(403);
    expect((await json(refused)).message).toBe(choosePasswordFirst);
    expect(await world.tandem.db.prisma.admin.count({ where: { username: 'mallory' } })).toBe(0);

    await world.call('/api/auth/password', {
      cookie: dave,
      body: { currentPassword: testPassword, newPassword },
    });
    expect((await world.call('/api/admins', { cookie: dave })).status).toBe(200);
  });
});

describe('a password change', () => {
  it("ends the account's other sessions and their live connections, and keeps this one", async () => {
    await world.createAdmin('erin', 'admin');
    const here = await world.signIn('erin');
    const elsewhere = await world.signIn('erin');
    const live = openSocket(elsewhere);
    expect(await handshake(live)).toBe('connected');
    const disconnected = new Promise<string>((resolve) => live.once('disconnect', resolve));

    const changed = await world.call('/api/auth/password', {
      cookie: here,
      body: { currentPassword: testPassword, newPassword },
    });
    expect(changed.status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect((await world.call('/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await world.call(`${bullBoardPath}/api/queues`, { cookie: elsewhere })).status).toBe(401);
    expect((await world.call('/api/auth/me', { cookie: here })).status).toBe(200);
    await world.signIn('erin', newPassword);
  });
});
