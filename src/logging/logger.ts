import { type DestinationStream, type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';

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

/** `json`: one JSON object a line, for log collectors. `pretty`: one readable line each, for people. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** `auto` is pretty on a terminal and JSON anywhere else (a pipe, a file, a container's log). */
export function resolveLogFormat(format: LogFormat, isTerminal: boolean): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return isTerminal ? 'pretty' : 'json';
}

/**
 * A logger writing to stdout (or `destination`). Pretty lines are written synchronously, so they
 * come in order with what the process prints itself (the start banner).
 */
export function createLogger(
  level: string,
  name = 'tandem',
  format: LogFormat = 'json',
  destination?: DestinationStream,
): Logger {
  const options = { name, level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  if (resolveLogFormat(format, process.stdout.isTTY === true) === 'json') {
    return destination ? pino(options, destination) : pino(options);
  }
  const pretty = PinoPretty({
    colorize: destination ? false : process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name',
    singleLine: true,
    sync: true,
    ...(destination ? { destination } : {}),
  });
  return pino(options, pretty);
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
