import { constants, createInflate, type Inflate } from 'node:zlib';
import { type RawData, WebSocket } from 'ws';

export interface RawPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** Discord's end-of-message marker in a zlib-stream: the empty block a Z_SYNC_FLUSH writes. */
const ZLIB_SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * A gateway client written against the protocol alone (no library): what it received, in order,
 * and, for `compress=zlib-stream`, each binary frame as it arrived. Payloads are inflated with one
 * node:zlib context for the whole connection, as Discord's documentation tells clients to.
 */
export class RawGatewayClient {
  readonly payloads: RawPayload[] = [];
  readonly binaryFrames: Buffer[] = [];
  readonly textFrames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #socket: WebSocket;
  readonly #opened: Promise<void>;
  readonly #inflate: Inflate | null;
  #waiters: Array<() => void> = [];
  #inflated: Buffer[] = [];

  constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.#opened = new Promise((resolve) => this.#socket.once('open', () => resolve()));
    this.#inflate = new URL(url).searchParams.get('compress') === 'zlib-stream' ? createInflate() : null;
    this.#inflate?.on('data', (chunk: Buffer) => this.#inflated.push(chunk));
    this.#socket.on('message', (raw, isBinary) => this.#onFrame(raw, isBinary));
    this.closed = new Promise((resolve) => {
      this.#socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Sends once the socket is open (a payload written before that would be refused). */
  send(payload: { op: number; d: unknown }): void {
    void this.#opened.then(() => this.#socket.send(JSON.stringify(payload)));
  }

  /** The first payload (already received or still to come) that satisfies `accept`. */
  async next(accept: (payload: RawPayload) => boolean, timeoutMs = 5_000): Promise<RawPayload> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.payloads.find(accept);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching payload within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  dispatch(t: string, timeoutMs?: number): Promise<RawPayload> {
    return this.next((payload) => payload.op === 0 && payload.t === t, timeoutMs);
  }

  close(): void {
    this.#socket.terminate();
  }

  #onFrame(raw: RawData, isBinary: boolean): void {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as Buffer);
    if (!isBinary) {
      this.textFrames.push(data.toString());
      this.#receive(data.toString());
      return;
    }
    this.binaryFrames.push(data);
    const inflate = this.#inflate;
    if (!inflate) throw new Error('A binary frame on a connection without compression');
    inflate.write(data);
    // A message may span frames: it is complete once a frame ends with the sync-flush suffix.
    if (!endsWithSyncFlush(data)) return;
    inflate.flush(constants.Z_SYNC_FLUSH, () => {
      const text = Buffer.concat(this.#inflated).toString();
      this.#inflated = [];
      this.#receive(text);
    });
  }

  #receive(text: string): void {
    this.payloads.push(JSON.parse(text) as RawPayload);
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

export function endsWithSyncFlush(frame: Buffer): boolean {
  return frame.subarray(-4).equals(ZLIB_SUFFIX);
}
