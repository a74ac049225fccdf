import { WebSocket } from 'ws';
import type { GatewayPayload } from './opcodes.ts';
import type { GatewaySession, SessionConnection } from './session.ts';
import type { ZlibStreamEncoder } from './zlib-stream.ts';

let nextConnectionId = 1;

export interface GatewayConnectionOptions {
  /** Set for `?compress=zlib-stream`: payloads leave as binary frames of one deflate stream. */
  compression: ZlibStreamEncoder | null;
  /** How long the connection may stay silent (no op 1) before it counts as a zombie. */
  heartbeatTimeoutMs: number;
  /** Called once when that time passed without a heartbeat. */
  onHeartbeatMissed: (connection: GatewayConnection) => void;
}

/** One WebSocket from a client. A session outlives its connections (that is what RESUME is for). */
export class GatewayConnection implements SessionConnection {
  readonly id = nextConnectionId++;
  session: GatewaySession | null = null;
  lastHeartbeatAt: number | null = null;
  #heartbeatDeadline: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: GatewayConnectionOptions,
  ) {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  get compressed(): boolean {
    return this.options.compression !== null;
  }

  send(payload: GatewayPayload): void {
    if (!this.open) return;
    const text = JSON.stringify(payload);
    const compression = this.options.compression;
    if (!compression) {
      this.socket.send(text);
      return;
    }
    compression.encode(text, (frame) => {
      if (this.open) this.socket.send(frame, { binary: true });
    });
  }

  /**
   * (Re)starts the wait for the next heartbeat: from HELLO, then from each op 1. Discord closes a
   * connection that stays silent longer than the interval plus some grace.
   */
  expectHeartbeat(): void {
    this.#stopHeartbeatDeadline();
    // A closing connection (a zombie told 4009, a refused one) is not waited for any more.
    if (!this.open) return;
    this.#heartbeatDeadline = setTimeout(
      () => this.options.onHeartbeatMissed(this),
      this.options.heartbeatTimeoutMs,
    );
    this.#heartbeatDeadline.unref();
  }

  /** A clean close with a gateway close code (4004, 4014...), after the frames already queued. */
  close(code: number, reason = ''): void {
    this.#stopHeartbeatDeadline();
    const closeSocket = () => {
      if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
        this.socket.close(code, reason);
      }
    };
    if (this.options.compression) this.options.compression.afterPending(closeSocket);
    else closeSocket();
  }

  /** Cuts the TCP connection without a close frame: the client sees 1006 and resumes. */
  terminate(): void {
    this.#stopHeartbeatDeadline();
    this.socket.terminate();
  }

  /** Called once the socket closed, whoever closed it. */
  closed(): void {
    this.#stopHeartbeatDeadline();
    this.options.compression?.close();
  }

  #stopHeartbeatDeadline(): void {
    if (this.#heartbeatDeadline) clearTimeout(this.#heartbeatDeadline);
    this.#heartbeatDeadline = null;
  }
}
