// Session cookies that are not a live session of this installation are refused on all three doors:
// /api (a read and a write), Bull Board (its page and its API) and the socket.io handshake. A random
// token of the right shape and a malformed one are covered by src/admin-api/auth.int.test.ts,
// src/admin-api/bull-board.int.test.ts and src/admin-api/live.int.test.ts; these are the forgeries
// someone with more to go on would try.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import { createSessionStore, sessionIdOf } from '../../src/admin-api/auth/session-store.ts';
import {
  type AdminApiWorld,
  openAdminApiWorld,
  panelHeaders,
  testPassword,
} from '../support/admin-api-world.ts';

let world: AdminApiWorld;
let aliceId: string;
/** A second API process of the same installation whose sessions end after one idle second. */
let shortLived: StartedAdminApi;

beforeAll(async () => {
  world = await openAdminApiWorld();
  aliceId = await world.createAdmin('alice', 'admin');
  shortLived = await startAdminApi(world.tandem, { port: 0, host: '127.0.0.1', sessionTtlSeconds: 1 });
});
afterAll(async () => {
  await shortLived?.close();
  await world?.stop();
});

const tokenOf = (cookie: string) => cookie.slice(`${sessionCookieName}=`.length);
const cookieOf = (token: string) => `${sessionCookieName}=${token}`;

/**
 * How each door answers a cookie. The write is a complete rank, which a guard that let the cookie
 * through would create.
 */
async function doors(
  cookie: string,
  url = world.url,
  rank = { name: 'Forged', minXp: 123_456, priority: 901 },
) {
  const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...panelHeaders(url), cookie, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const read = await call('/api/auth/me');
  const write = await call('/api/ranks', { method: 'POST', body: rank });
  const board = await call('/admin/queues');
  const boardApi = await call('/admin/queues/api/queues');
  const socket = await new Promise<string>((resolve) => {
    const client = connect(url, {
      path: '/socket.io',
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: new URL(url).origin, cookie },
    });
    client.once('connect', () => {
      client.disconnect();
      resolve('connected');
    });
    client.once('connect_error', (error) => {
      client.disconnect();
      resolve(error.message);
    });
  });
  return {
    read: read.status,
    write: write.status,
    board: board.status === 302 ? board.headers.get('location') : board.status,
    boardApi: boardApi.status,
    socket,
  };
}

const refused = {
  read: 401,
  write: 401,
  board: '/admin/#/login',
  boardApi: 401,
  socket: 'unauthorized',
};

describe('a forged or stale session cookie', () => {
  it('opens every door when it is a live session (the checks below can tell)', async () => {
    const live = { name: 'Made with a live session', minXp: 123_457, priority: 902 };
    expect(await doors(await world.signIn('alice'), world.url, live)).toEqual({
      read: 200,
      write: 201,
      board: 200,
      boardApi: 200,
      socket: 'connected',
    });
  });

  it("is refused when it is the session's id as Redis stores it (a copy of Redis holds no usable cookie)", async () => {
    const token = tokenOf(await world.signIn('alice'));
    const id = sessionIdOf(token);
    expect(await world.tandem.redis.exists(`${world.tandem.prefix}:admin-session:${id}`)).toBe(1);
    expect(await doors(cookieOf(id))).toEqual(refused);
  });

  it('is refused when it is a live session of another installation on the same Redis', async () => {
    const elsewhere = createSessionStore(world.tandem.redis, `${world.tandem.prefix}-other`);
    expect(await doors(cookieOf(await elsewhere.create(aliceId)))).toEqual(refused);
  });

  it('is refused when one character of a live token is changed', async () => {
    const token = tokenOf(await world.signIn('alice'));
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await doors(cookieOf(tampered))).toEqual(refused);
  });

  it('is refused once signed out, on every door', async () => {
    const cookie = await world.signIn('alice');
    expect((await world.call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await doors(cookie)).toEqual(refused);
  });

  it('is refused once it has been idle longer than the session lifetime', async () => {
    const response = await fetch(`${shortLived.url}/api/auth/login`, {
      method: 'POST',
      headers: { ...panelHeaders(shortLived.url), 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: testPassword }),
    });
    expect(response.status).toBe(200);
    const cookie = new RegExp(`${sessionCookieName}=[^;]+`).exec(
      response.headers.get('set-cookie') ?? '',
    )![0];
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await doors(cookie, shortLived.url)).toEqual(refused);
  });

  it('created nothing through any of them', async () => {
    expect(await world.tandem.db.prisma.rank.count({ where: { name: 'Forged' } })).toBe(0);
    expect(await world.tandem.db.prisma.rank.count({ where: { name: 'Made with a live session' } })).toBe(1);
  });
});
