import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { subscribeToChanges } from '../../live/changes.ts';
import type { Logger } from '../../logging/logger.ts';
import { connectRedis, duplicateConnection } from '../../redis/connection.ts';
import type { EndedSessions } from '../auth/auth-routes.ts';
import { authenticate } from '../auth/authenticate.ts';
import { choosePasswordFirst, mustChoosePassword } from '../auth/require-own-password.ts';
import { type SessionStore, sessionIdOf } from '../auth/session-store.ts';
import type { PanelOriginCheck } from '../http/panel-origin.ts';
import { ChangeBatch, type ChangeBatchOptions, type ChangesMessage } from './change-batch.ts';

export interface LiveGatewayDeps {
  prisma: PrismaClient;
  sessions: SessionStore;
  redisUrl: string;
  /** The installation's prefix: two Tandem installs on one Redis never hear each other. */
  prefix: string;
  logger: Logger;
  /** Only the panel's pages may open the feed: another site's page would read it with the admin's cookie. */
  checkOrigin: PanelOriginCheck;
}

export interface LiveGatewayOptions extends ChangeBatchOptions {
  /**
   * At most one `changes` message per this many ms: bursts arrive as one batch. 100 ms keeps a change
   * on screen well within 200 ms (p99 126 ms for 200 pages, `npm run bench -- --live-clients`) while a
   * page refetches at most ten times a second. @defaultValue 100
   */
  intervalMs?: number;
}

/** socket.io on the API's server: signed-in pages hear of every entity change within a second. */
export interface LiveGateway extends EndedSessions {
  readonly io: Server;
  close(): Promise<void>;
}

const sessionRoom = (token: string) => `session:${sessionIdOf(token)}`;
const adminRoom = (adminId: string) => `admin:${adminId}`;

/**
 * Relays the change feed to signed-in sockets. Every API process subscribes to the feed itself, so
 * each one already hears every change: it emits to its own sockets only (`io.local`); emitting
 * through the adapter would deliver each change once per process. The Redis adapter is still what
 * makes the processes agree for the rest: ending a session (sign-out, password change) disconnects
 * its sockets on whichever process holds them.
 */
export async function createLiveGateway(
  server: HttpServer,
  deps: LiveGatewayDeps,
  options: LiveGatewayOptions = {},
): Promise<LiveGateway> {
  const interval = options.intervalMs ?? 100;
  const pub = connectRedis(deps.redisUrl, { maxRetriesPerRequest: null });
  const sub = duplicateConnection(pub);
  // Connection errors are retried by ioredis; the readiness check reports an outage.
  pub.on('error', () => {});
  sub.on('error', () => {});
  const io = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    adapter: createAdapter(pub, sub, { key: `${deps.prefix}:socket.io` }),
    // Checked at the handshake (polling or WebSocket), before the session: later requests carry its id.
    allowRequest: (request, callback) => {
      const verdict = deps.checkOrigin(request);
      callback(verdict.fromPanel ? null : verdict.reason, verdict.fromPanel);
    },
  });

  io.use(async (socket, next) => {
    try {
      const found = await authenticate(deps.prisma, deps.sessions, socket.request.headers.cookie);
      if (!found) return next(new Error('unauthorized'));
      if (mustChoosePassword(found.admin)) return next(new Error(choosePasswordFirst));
      socket.data.admin = found.admin;
      await socket.join([sessionRoom(found.token), adminRoom(found.admin.id)]);
      next();
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message }, 'live connection refused: sessions unavailable');
      next(new Error('unavailable'));
    }
  });

  const batch = new ChangeBatch(options);
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (batch.isEmpty) return;
    const message: ChangesMessage = { changes: batch.take(), at: new Date().toISOString() };
    io.local.emit('changes', message);
  };
  const subscription = await subscribeToChanges(
    deps.redisUrl,
    deps.prefix,
    (change) => {
      batch.add(change);
      timer ??= setTimeout(flush, interval);
    },
    deps.logger,
  );

  return {
    io,
    ended(token) {
      io.in(sessionRoom(token)).disconnectSockets(true);
    },
    endedAllOf(adminId, keepToken) {
      const room = io.in(adminRoom(adminId));
      (keepToken ? room.except(sessionRoom(keepToken)) : room).disconnectSockets(true);
    },
    async close() {
      clearTimeout(timer);
      await subscription.close();
      // Closes the HTTP server it is attached to as well.
      await io.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
