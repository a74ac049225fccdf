import { parseArgs } from 'node:util';

/**
 * The command line of `npm run emulators` (run-emulators.ts):
 *   npm run emulators -- [--telegram-port 8081] [--discord-port 8082] [--sandbox-port 8080] [--host 127.0.0.1]
 */

export const USAGE = `Usage: npm run emulators -- [options]

Starts the Telegram and Discord emulators with a demo world, and the sandbox page.

Options:
  --telegram-port <port>  Telegram Bot API emulator (default 8081; 0 = any free port)
  --discord-port <port>   Discord REST + gateway emulator (default 8082; 0 = any free port)
  --sandbox-port <port>   sandbox page (default 8080; 0 = any free port)
  --host <address>        interface to listen on (default 127.0.0.1)
  --world-file <path>     keep the world (users, chats, messages, guild, members, roles) in this
                          file and continue from it on the next start (default: in memory only)
  -h, --help              show this help

Ctrl+C stops everything. Guide: docs/emulators.md`;

export interface EmulatorCliOptions {
  /** @defaultValue 8081 */
  telegramPort: number;
  /** @defaultValue 8082 */
  discordPort: number;
  /** @defaultValue 8080 */
  sandboxPort: number;
  /** @defaultValue '127.0.0.1' */
  host: string;
  /** Links shown in the sandbox page's header (what runs on the emulators). @defaultValue none */
  links?: Array<{ label: string; url: string }>;
  /** Where the world is kept between runs. @defaultValue none: the world lives in memory */
  worldFile?: string;
  /** A save of the world failed (the next change tries again). @defaultValue console.error */
  onWorldFileError?: (error: unknown) => void;
}

/** Command-line input that cannot be run; the message says what to change. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/** Reads the command line (without `node` and the script); `'help'` when help was asked for. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        'telegram-port': { type: 'string', default: '8081' },
        'discord-port': { type: 'string', default: '8082' },
        'sandbox-port': { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        'world-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: EmulatorCliOptions = {
    telegramPort: port(values, 'telegram-port'),
    discordPort: port(values, 'discord-port'),
    sandboxPort: port(values, 'sandbox-port'),
    host: String(values.host),
    ...(values['world-file'] !== undefined ? { worldFile: String(values['world-file']) } : {}),
  };
  if (options.worldFile === '') throw new UsageError('--world-file needs a path, e.g. .data/emulators.json');
  if (options.host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1 or 0.0.0.0');
  const fixed = [options.telegramPort, options.discordPort, options.sandboxPort].filter((p) => p !== 0);
  if (new Set(fixed).size !== fixed.length)
    throw new UsageError('The three ports must differ (0 picks a free one each time)');
  return options;
}

function port(values: Record<string, string | boolean | undefined>, name: string): number {
  const raw = String(values[name]);
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 65535)) throw new UsageError(`--${name} must be a port 0-65535, got "${raw}"`);
  return value;
}
