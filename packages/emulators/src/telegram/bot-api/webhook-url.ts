import { BotApiError } from '../errors.ts';

/** The only ports Telegram delivers webhooks to. */
const webhookPorts = new Set([443, 80, 88, 8443]);

/**
 * Reads a setWebhook URL as the Bot API server does before anything else: a URL without a scheme
 * is taken as https, and only http(s) URLs with a host can be read at all.
 */
export function parseWebhookUrl(value: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw BotApiError.badRequest('invalid webhook URL specified');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw BotApiError.badRequest('invalid webhook URL specified');
  }
  return url;
}

/**
 * Telegram's checks when it first reaches a webhook: https, on port 443, 80, 88 or 8443. With
 * `allowLoopback`, a URL on this machine's loopback passes on any scheme and port (the emulator's
 * documented difference, so a bot under test can take updates on a local port).
 */
export function assertWebhookReachable(url: URL, allowLoopback: boolean): void {
  if (allowLoopback && isLoopback(url.hostname)) return;
  if (url.protocol !== 'https:') {
    throw BotApiError.badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const port = url.port === '' ? 443 : Number(url.port);
  if (!webhookPorts.has(port)) {
    throw BotApiError.badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
