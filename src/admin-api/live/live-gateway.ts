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
import { clientAddress } from '../http/client-address.ts';
import type { PanelOriginCheck, TrustProxy } from '../http/panel-origin.ts';
import { ChangeBatch, type ChangeBatchOptions, type ChangesMessage } from './change-batch.ts';
import {
  ConnectionCounts,
  defaultLiveLimits,
  type LiveLimits,
  type LiveRefusal,
  MessageRate,
} from './live-limits.ts';

/** A refusal the panel can tell apart from a lost session (`data` says which limit and its value). */
function refusal(reason: LiveRefusal, data: Record<string, unknown>): Error {
  return Object.assign(new Error(reason), { data });
}

export interface LiveGatewayDeps {
  prisma: PrismaClient;
  sessions: SessionStore;
  redisUrl: string;
  /** The installation's prefix: two Tandem installs on one Redis never hear each other. */
  prefix: string;
  logger: Logger;
  /** Only the panel's pages may open the feed: another site's page would read it with the admin's cookie. */
  checkOrigin: PanelOriginCheck;
  /** express's `trust proxy fn`: which address a connection is counted under. */
  trustProxy: TrustProxy;
}

export interface LiveGatewayOptions extends ChangeBatchOptions {
  /**
   * At most one `changes` message per this many ms: bursts arrive as one batch. 100 ms keeps a change
   * on screen well within 200 ms (p99 126 ms for 200 pages, `npm run bench -- --live-clients`) while a
   * page refetches at most ten times a second. @defaultValue 100
   */
  intervalMs?: number;
  /** @defaultValue {@link defaultLiveLimits} */
  limits?: Partial<LiveLimits>;
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
    // The panel sends nothing over the feed: a large message is not a page's.
    maxHttpBufferSize: 16 * 1024,
    adapter: createAdapter(pub, sub, { key: `${deps.prefix}:socket.io` }),
    // Checked at the handshake (polling or WebSocket), before the session: later requests carry its id.
    allowRequest: (request, callback) => {
      const verdict = deps.checkOrigin(request);
      callback(verdict.fromPanel ? null : verdict.reason, verdict.fromPanel);
    },
  });

  const limits: LiveLimits = { ...defaultLiveLimits, ...options.limits };
  const byAddress = new ConnectionCounts();
  const byAdmin = new ConnectionCounts();

  // The address is counted before the session is read, so a flood of handshakes costs no session
  // lookups. A socket refused by a middleware never connects (no 'disconnect'): release at once.
  io.use(async (socket, next) => {
    const address = clientAddress(socket.request, deps.trustProxy);
    if (!byAddress.take(address, limits.perAddress))
      return next(refusal('too_many_connections', { per: 'address', limit: limits.perAddress }));
    let heldAdmin: string | undefined;
    const release = () => {
      byAddress.release(address);
      if (heldAdmin) byAdmin.release(heldAdmin);
    };
    const refuse = (error: Error) => {
      release();
      next(error);
    };
    try {
      const found = await authenticate(deps.prisma, deps.sessions, socket.request.headers.cookie);
      if (!found) return refuse(new Error('unauthorized'));
      if (mustChoosePassword(found.admin)) return refuse(new Error(choosePasswordFirst));
      const adminId = found.admin.id;
      if (!byAdmin.take(adminId, limits.perAdmin))
        return refuse(refusal('too_many_connections', { per: 'admin', limit: limits.perAdmin }));
      heldAdmin = adminId;
      socket.data.admin = found.admin;
      await socket.join([sessionRoom(found.token), adminRoom(adminId)]);
      socket.once('disconnect', release);
      next();
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message }, 'live connection refused: sessions unavailable');
      refuse(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const rate = new MessageRate(limits.messagesPerSecond);
    socket.use((_packet, next) => {
      if (rate.allow()) return next();
      socket.emit('refused', { reason: 'too_many_messages', limit: limits.messagesPerSecond });
      socket.disconnect(true);
    });
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
