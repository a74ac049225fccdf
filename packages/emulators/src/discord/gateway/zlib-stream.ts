import { constants, createDeflate, type Deflate } from 'node:zlib';

/**
 * Discord's `compress=zlib-stream` transport: one zlib deflate context for the whole life of a
 * connection, every payload flushed with Z_SYNC_FLUSH so its frame ends in `00 00 ff ff`. A client
 * keeps one inflate context too and decodes a message whenever a frame ends with that suffix;
 * resetting either side's context breaks every later message, so frames must leave in order.
 */
export class ZlibStreamEncoder {
  readonly #deflate: Deflate = createDeflate();
  #chunks: Buffer[] = [];
  /** Settles once the last frame asked for was delivered (flush callbacks run in call order). */
  #lastFrame: Promise<void> = Promise.resolve();

  constructor() {
    this.#deflate.on('data', (chunk: Buffer) => this.#chunks.push(chunk));
    // Only a write after close can fail; the socket is gone by then, so there is nobody to tell.
    this.#deflate.on('error', () => {});
  }

  /** Compresses `text` into the shared context; `deliver` gets its frame, in call order. */
  encode(text: string, deliver: (frame: Buffer) => void): void {
    this.#deflate.write(text);
    this.#lastFrame = new Promise((resolve) => {
      this.#deflate.flush(constants.Z_SYNC_FLUSH, () => {
        const frame = Buffer.concat(this.#chunks);
        this.#chunks = [];
        deliver(frame);
        resolve();
      });
    });
  }

  /** Runs `then` once every frame encoded so far was delivered (a close must not overtake them). */
  afterPending(then: () => void): void {
    void this.#lastFrame.then(then);
  }

  close(): void {
    this.#deflate.close();
  }
}
