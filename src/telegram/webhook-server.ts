import { createServer, type IncomingMessage } from 'node:http';
import type { Telegraf } from 'telegraf';
import type { TandemContext } from './tandem-context.ts';

export interface TelegramWebhookOptions {
  /** The public HTTPS address Telegram posts updates to; its path is the one served here. */
  url: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token: 1-256 of `A-Z a-z 0-9 _ -`. */
  secretToken: string;
  port: number;
  /** @defaultValue `'0.0.0.0'` */
  host?: string;
}

const secretTokenPattern = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Telegram's updates are a few kilobytes (a message is at most 4096 characters); telegraf would read
 * a body of any size into memory, so anything larger than this is refused before it is handled.
 */
export const maxUpdateBytes = 1024 * 1024;

/** The request's body, or null as soon as it grows past `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length']) > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Serves the webhook on its own small HTTP server. telegraf's `launch({webhook})` would do the same
 * but insists on an https:// address built from a domain; here the URL is taken as configured (the
 * emulator and a TLS-terminating proxy use plain http). With no framework around it, telegraf
 * answers a request with a wrong or missing secret, path or method with 403 and handles nothing,
 * and one whose body is not JSON with 415; one over `maxUpdateBytes` gets 413, the rest left unread.
 */
export interface WebhookServer {
  /** Stops taking requests; resolves once the updates being handled were answered. */
  close(): Promise<void>;
}

export async function listenForWebhook(
  bot: Telegraf<TandemContext>,
  options: TelegramWebhookOptions,
): Promise<WebhookServer> {
  if (!secretTokenPattern.test(options.secretToken)) {
    throw new Error('The Telegram webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ or -');
  }
  const path = new URL(options.url).pathname;
  const handle = bot.webhookCallback(path, { secretToken: options.secretToken });
  let closing = false;
  const server = createServer(async (req, res) => {
    // A keep-alive connection would hold close() open for seconds after its last answer: once
    // closing, each connection is dropped as soon as its update was answered.
    res.on('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const body = await readBody(req, maxUpdateBytes).catch(() => null);
    if (body === null) {
      // The rest of an oversize body is not read: the connection ends with the answer.
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    // telegraf reads a body a framework has set instead of the stream: the parsed update or, as its
    // code allows, the raw bytes. It still checks path, method and secret first, then answers 415 to
    // a body that is not JSON.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    return handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
