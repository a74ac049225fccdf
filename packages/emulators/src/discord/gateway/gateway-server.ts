import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer } from 'ws';
import type { EmulatorContext } from '../actions/context.ts';
import { GatewayConnection } from './connection.ts';
import { Dispatcher } from './dispatcher.ts';
import { type GatewayHandlerContext, opcodeHandlers, PRE_AUTH_OPCODES } from './handlers/index.ts';
import { CloseCode, Opcode, TRACE } from './opcodes.ts';
import { SessionStore } from './session-store.ts';
import { ZlibStreamEncoder } from './zlib-stream.ts';

export const GATEWAY_PATH = '/gateway';

export interface GatewayServerOptions {
  heartbeatIntervalMs: number;
  /** Silence allowed beyond the heartbeat interval before a connection is closed as a zombie. */
  heartbeatGraceMs: number;
  replayLimit: number;
  gatewayUrl: () => string;
}

/** The only transport compression Discord offers that the emulator speaks (zstd-stream is not). */
const ZLIB_STREAM = 'zlib-stream';

/**
 * A zombie client does not answer the close frame; waiting for it would keep the socket for ws's
 * 30 s closing timeout, so the TCP connection is cut after this.
 */
const ZOMBIE_CLOSE_WAIT_MS = 1_000;

/** How a dropped connection looks to the client. */
export type DropMode =
  /** TCP cut, no close frame: the client sees 1006 and resumes. */
  | 'abrupt'
  /** Op 9 INVALID_SESSION (d: false) and the session forgotten: the client identifies again. */
  | 'invalid-session'
  /** A close frame with Discord's 1000: the client starts a new session. */
  | 'close';

/** The WebSocket gateway, sharing the HTTP server's port; one handler per opcode. */
export class GatewayServer {
  readonly sessions = new SessionStore();
  readonly #connections = new Set<GatewayConnection>();
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #handlerContext: GatewayHandlerContext;
  /** While set, the gateway is down: no connection is kept or accepted. `Infinity`: until cleared. */
  #downUntil: number | null = null;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly emulator: EmulatorContext,
    private readonly options: GatewayServerOptions,
  ) {
    const dispatcher = new Dispatcher(emulator.world, this.sessions);
    this.#unsubscribe = emulator.events.onDispatch((request) => dispatcher.handle(request));
    this.#handlerContext = {
      emulator,
      sessions: this.sessions,
      resumeGatewayUrl: options.gatewayUrl,
      replayLimit: options.replayLimit,
    };
  }

  handles(request: IncomingMessage): boolean {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname.replace(/\/+$/, '');
    return path === GATEWAY_PATH;
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.isDown) {
      // As a gateway that cannot be reached: the handshake fails and the client retries later.
      this.emulator.events.record('gateway.refused', { reason: 'down' });
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    const query = new URL(request.url ?? '/', 'http://gateway').searchParams;
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new GatewayConnection(ws, {
        compression: query.get('compress') === ZLIB_STREAM ? new ZlibStreamEncoder() : null,
        heartbeatTimeoutMs: this.options.heartbeatIntervalMs + this.options.heartbeatGraceMs,
        onHeartbeatMissed: (silent) => this.#closeZombie(silent),
      });
      this.#connections.add(connection);
      ws.on('message', (raw, isBinary) => this.#onMessage(connection, raw, isBinary));
      ws.on('close', (code) => this.#onClose(connection, code));
      ws.on('error', () => connection.terminate());
      this.#open(connection, query);
    });
  }

  #open(connection: GatewayConnection, query: URLSearchParams): void {
    const version = query.get('v');
    this.emulator.events.record('gateway.connected', {
      connectionId: connection.id,
      query: query.toString(),
    });
    if (version !== null && version !== '10' && version !== '9') {
      connection.close(CloseCode.InvalidApiVersion, 'Invalid API version.');
      return;
    }
    const encoding = query.get('encoding') ?? 'json';
    if (encoding !== 'json') {
      connection.close(CloseCode.DecodeError, 'Only encoding=json is emulated.');
      return;
    }
    const compress = query.get('compress');
    if (compress !== null && compress !== ZLIB_STREAM) {
      connection.close(CloseCode.DecodeError, `compress=${compress} is not emulated; use zlib-stream.`);
      return;
    }
    connection.send({
      op: Opcode.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: TRACE },
      s: null,
      t: null,
    });
    connection.expectHeartbeat();
  }

  /**
   * No heartbeat within the interval plus grace: closed with 4009 Session timed out. The session
   * stays resumable (clients, discord.js among them, resume after 4009), and what is dispatched
   * meanwhile waits in its replay buffer.
   */
  #closeZombie(connection: GatewayConnection): void {
    const session = connection.session;
    if (session?.connection === connection) session.detach();
    this.emulator.events.record('gateway.zombie', {
      connectionId: connection.id,
      botUserId: session?.botUserId ?? null,
      sessionId: session?.id ?? null,
      lastHeartbeatAt: connection.lastHeartbeatAt ? new Date(connection.lastHeartbeatAt).toISOString() : null,
    });
    connection.close(CloseCode.SessionTimedOut, 'Session timed out.');
    setTimeout(() => connection.terminate(), ZOMBIE_CLOSE_WAIT_MS).unref();
  }

  #onMessage(connection: GatewayConnection, raw: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(raw.toString());
    } catch {
      connection.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (
      typeof payload !== 'object' ||
      payload === null ||
      typeof (payload as { op?: unknown }).op !== 'number'
    ) {
      connection.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    const { op, d } = payload as { op: number; d?: unknown };
    const handler = opcodeHandlers.get(op);
    if (!handler) {
      connection.close(CloseCode.UnknownOpcode, 'Unknown opcode.');
      return;
    }
    if (!connection.session && !PRE_AUTH_OPCODES.has(op)) {
      connection.close(CloseCode.NotAuthenticated, 'Not authenticated.');
      return;
    }
    try {
      handler(this.#handlerContext, connection, d);
    } catch (error) {
      // A bug in a handler must not take the emulator down; the client sees 4000 and resumes.
      this.emulator.events.record('gateway.crash', {
        op,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      connection.close(CloseCode.UnknownError, 'Unknown error.');
    }
  }

  #onClose(connection: GatewayConnection, code: number): void {
    this.#connections.delete(connection);
    connection.closed();
    const session = connection.session;
    this.emulator.events.record('gateway.closed', {
      connectionId: connection.id,
      code,
      botUserId: session?.botUserId ?? null,
      sessionId: session?.id ?? null,
    });
    if (!session || session.connection !== connection) return;
    session.detach();
    // Closing with 1000/1001 ends the session on Discord; any other code leaves it resumable.
    if (code === CloseCode.Normal || code === CloseCode.GoingAway) this.sessions.invalidate(session);
  }

  #targets(botUserId?: string): GatewayConnection[] {
    return [...this.#connections].filter(
      (connection) => connection.session && (!botUserId || connection.session.botUserId === botUserId),
    );
  }

  /** Sends op 7 RECONNECT; clients reconnect and resume. Returns how many connections were asked. */
  requestReconnect(botUserId?: string): number {
    const targets = this.#targets(botUserId);
    for (const connection of targets) connection.send({ op: Opcode.Reconnect, d: null, s: null, t: null });
    this.emulator.events.record('gateway.reconnect-requested', {
      botUserId: botUserId ?? null,
      connections: targets.length,
    });
    return targets.length;
  }

  /**
   * Drops identified connections. The session is detached at once, so anything dispatched from
   * now on waits in its replay buffer until the client resumes.
   */
  drop(mode: DropMode, botUserId?: string): number {
    const targets = this.#targets(botUserId);
    for (const connection of targets) {
      const session = connection.session;
      if (session) {
        session.detach();
        connection.session = null;
        if (mode !== 'abrupt') this.sessions.invalidate(session);
      }
      if (mode === 'abrupt') connection.terminate();
      else if (mode === 'invalid-session')
        connection.send({ op: Opcode.InvalidSession, d: false, s: null, t: null });
      else connection.close(CloseCode.Normal, 'Closed by the emulator');
    }
    this.emulator.events.record('gateway.dropped', {
      mode,
      botUserId: botUserId ?? null,
      connections: targets.length,
    });
    return targets.length;
  }

  /** Whether the gateway is down now (a `down` fault that has not ended or been cleared). */
  get isDown(): boolean {
    if (this.#downUntil !== null && this.emulator.now() >= this.#downUntil) this.#downUntil = null;
    return this.#downUntil !== null;
  }

  /**
   * Stops the gateway: every connection is cut (TCP, no close frame) and new ones are refused until
   * `up()` or, with `durationMs`, until that much time has passed. Sessions stay resumable, so a
   * client that comes back resumes and gets what was dispatched meanwhile, as after an outage.
   * Returns how many connections were cut.
   */
  down(durationMs?: number): number {
    this.#downUntil = durationMs ? this.emulator.now() + durationMs : Number.POSITIVE_INFINITY;
    const cut = [...this.#connections];
    for (const connection of cut) {
      const session = connection.session;
      if (session?.connection === connection) session.detach();
      connection.terminate();
    }
    this.emulator.events.record('gateway.down', { durationMs: durationMs ?? null, connections: cut.length });
    return cut.length;
  }

  /** Ends a `down` fault: connections are accepted again. */
  up(): void {
    if (this.#downUntil === null) return;
    this.#downUntil = null;
    this.emulator.events.record('gateway.up');
  }

  /** Forgets every session (reset); open connections are closed so clients start over. */
  reset(): void {
    for (const connection of this.#connections) connection.close(CloseCode.Normal, 'Emulator reset');
    this.sessions.clear();
  }

  close(): void {
    this.#unsubscribe();
    for (const connection of this.#connections) connection.terminate();
    this.#connections.clear();
    this.sessions.clear();
    this.#wss.close();
  }
}
