import { type Logger, pino } from 'pino';

export type { Logger };

/** Secrets never reach a log line, whatever object they travel in. */
export const redactedPaths = [
  '*.token',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'config.TELEGRAM_BOT_TOKEN',
  'config.DISCORD_BOT_TOKEN',
];

export function createLogger(level: string, name = 'tandem'): Logger {
  return pino({ name, level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}

/** Hides the credentials in a connection URL before it is shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
