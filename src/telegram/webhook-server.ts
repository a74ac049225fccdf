import { createServer, type Server } from 'node:http';
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
 * Serves the webhook on its own small HTTP server. telegraf's `launch({webhook})` would do the same
 * but insists on an https:// address built from a domain; here the URL is taken as configured (the
 * emulator and a TLS-terminating proxy use plain http). With no framework around it, telegraf
 * answers a request with a wrong or missing secret, path or method with 403 and handles nothing.
 */
export async function listenForWebhook(
  bot: Telegraf<TandemContext>,
  options: TelegramWebhookOptions,
): Promise<Server> {
  if (!secretTokenPattern.test(options.secretToken)) {
    throw new Error('The Telegram webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ or -');
  }
  const path = new URL(options.url).pathname;
  const server = createServer(bot.webhookCallback(path, { secretToken: options.secretToken }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
