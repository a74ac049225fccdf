import { WebSocket } from 'ws';
import type { GatewayPayload } from './opcodes.ts';
import type { GatewaySession, SessionConnection } from './session.ts';

let nextConnectionId = 1;

/** One WebSocket from a client. A session outlives its connections (that is what RESUME is for). */
export class GatewayConnection implements SessionConnection {
  readonly id = nextConnectionId++;
  session: GatewaySession | null = null;
  lastHeartbeatAt: number | null = null;

  constructor(private readonly socket: WebSocket) {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(payload: GatewayPayload): void {
    if (this.open) this.socket.send(JSON.stringify(payload));
  }

  /** A clean close with a gateway close code (4004, 4014...). */
  close(code: number, reason = ''): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  /** Cuts the TCP connection without a close frame: the client sees 1006 and resumes. */
  terminate(): void {
    this.socket.terminate();
  }
}
