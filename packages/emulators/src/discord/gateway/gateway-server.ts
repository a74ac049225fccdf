import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer } from 'ws';
import type { EmulatorContext } from '../actions/context.ts';
import { GatewayConnection } from './connection.ts';
import { Dispatcher } from './dispatcher.ts';
import { type GatewayHandlerContext, opcodeHandlers, PRE_AUTH_OPCODES } from './handlers/index.ts';
import { CloseCode, Opcode, TRACE } from './opcodes.ts';
import { SessionStore } from './session-store.ts';

export const GATEWAY_PATH = '/gateway';

export interface GatewayServerOptions {
  heartbeatIntervalMs: number;
  replayLimit: number;
  gatewayUrl: () => string;
}

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
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new GatewayConnection(ws);
      this.#connections.add(connection);
      ws.on('message', (raw, isBinary) => this.#onMessage(connection, raw, isBinary));
      ws.on('close', (code) => this.#onClose(connection, code));
      ws.on('error', () => connection.terminate());
      this.#open(connection, request);
    });
  }

  #open(connection: GatewayConnection, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://gateway').searchParams;
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
    connection.send({
      op: Opcode.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: TRACE },
      s: null,
      t: null,
    });
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
