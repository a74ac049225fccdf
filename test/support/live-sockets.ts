/**
 * socket.io clients of the admin API's live feed, as the panel opens them (its origin, an admin's
 * session cookie), for the tests of the feed on every Redis topology. Each test file keeps the
 * sockets it opened in a list of its own and disconnects them after each test.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ChangesMessage } from '../../src/admin-api/live/change-batch.ts';

/** A socket to the API at `url`, without reconnection (a test says when to open another). */
export function openLiveSocket(
  opened: Socket[],
  url: string,
  options: { cookie?: string; headers?: Record<string, string> } = {},
): Socket {
  const socket = connect(url, {
    path: '/socket.io',
    reconnection: false,
    extraHeaders: {
      origin: new URL(url).origin,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
  });
  opened.push(socket);
  return socket;
}

/** Resolves once the handshake is accepted; rejects with the refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Every `changes` message the socket receives from now on, with when it arrived. */
export function collectChanges(socket: Socket): Array<ChangesMessage & { receivedAt: number }> {
  const received: Array<ChangesMessage & { receivedAt: number }> = [];
  socket.on('changes', (message: ChangesMessage) => received.push({ ...message, receivedAt: Date.now() }));
  return received;
}
