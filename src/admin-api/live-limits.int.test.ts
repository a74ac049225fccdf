import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { openLiveSocket } from '../../test/support/live-sockets.ts';
import { waitFor } from '../../test/support/wait-for.ts';

// Small limits, so the test opens a handful of sockets; `trust proxy` on loopback lets each socket
// say which client address it stands for, as a load balancer would.
const limits = { perAdmin: 2, perAddress: 3, messagesPerSecond: 3 };

let world: AdminApiWorld;
const sockets: Socket[] = [];

beforeAll(async () => {
  world = await openAdminApiWorld({ api: { trustProxy: 'loopback', live: { limits } } });
  for (const name of ['alice', 'bob', 'carol']) await world.createAdmin(name, 'admin');
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  // The API counts a socket as closed once it hears the disconnect.
  await new Promise((resolve) => setTimeout(resolve, 100));
});
afterAll(async () => {
  await world?.stop();
});

/** A socket of the client at `address`, as the load balancer in front of the API says. */
function openSocket(options: { cookie?: string; address: string }): Socket {
  return openLiveSocket(sockets, world.url, {
    cookie: options.cookie,
    headers: { 'x-forwarded-for': options.address },
  });
}

type Outcome = { connected: true } | { connected: false; message: string; data: unknown };

function outcome(socket: Socket): Promise<Outcome> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      resolve({ connected: false, message: error.message, data: error.data }),
    );
  });
}

describe('the live connection’s limits', () => {
  it('refuses an admin’s connection past the limit, saying which, and counts a closed one out', async () => {
    const cookie = await world.signIn('alice');
    const first = openSocket({ cookie, address: '203.0.113.1' });
    expect(await outcome(first)).toEqual({ connected: true });
    expect(await outcome(openSocket({ cookie, address: '203.0.113.2' }))).toEqual({ connected: true });
    expect(await outcome(openSocket({ cookie, address: '203.0.113.3' }))).toEqual({
      connected: false,
      message: 'too_many_connections',
      data: { per: 'admin', limit: 2 },
    });

    first.disconnect();
    await waitFor(
      async () => (await outcome(openSocket({ cookie, address: '203.0.113.4' }))).connected,
      'a connection once another closed',
      5000,
    );
  });

  it('refuses connections from one address past its limit; refused handshakes hold no place', async () => {
    const address = '198.51.100.7';
    for (let i = 0; i < 5; i++)
      expect(await outcome(openSocket({ address }))).toMatchObject({
        connected: false,
        message: 'unauthorized',
      });
    const cookies = [await world.signIn('alice'), await world.signIn('bob'), await world.signIn('carol')];
    for (const cookie of cookies)
      expect(await outcome(openSocket({ cookie, address }))).toEqual({ connected: true });
    expect(await outcome(openSocket({ cookie: cookies[2], address }))).toEqual({
      connected: false,
      message: 'too_many_connections',
      data: { per: 'address', limit: 3 },
    });
    // Another address is not affected.
    expect(await outcome(openSocket({ cookie: cookies[2], address: '198.51.100.8' }))).toEqual({
      connected: true,
    });
  });

  it('closes a connection that sends more messages a second than allowed, telling it why', async () => {
    const socket = openSocket({ cookie: await world.signIn('bob'), address: '192.0.2.1' });
    expect(await outcome(socket)).toEqual({ connected: true });
    const refused = new Promise((resolve) => socket.once('refused', resolve));
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 10; i++) socket.emit('anything', i);
    expect(await refused).toEqual({ reason: 'too_many_messages', limit: 3 });
    expect(await closed).toBe('io server disconnect');
  });
});
