import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DiscordEmulatorState, DiscordEmulatorUrls } from './discord/index.ts';
import { createWorldFileWriter, readWorldFile } from './persistence/world-file.ts';
import type { DemoWorld } from './sandbox/index.ts';
import type { TelegramEmulatorState } from './telegram/index.ts';

/**
 * Runs both platform emulators and the sandbox page in the foreground, with a demo world:
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

/** The world file's content: both emulators and the demo world's ids. */
interface SavedWorlds {
  telegram: TelegramEmulatorState;
  discord: DiscordEmulatorState;
  demo: DemoWorld;
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

/** Everything {@link startEmulators} started, and how to stop it. */
export interface RunningEmulators {
  telegramUrl: string;
  discord: DiscordEmulatorUrls;
  sandboxUrl: string;
  demo: DemoWorld;
  stop(): Promise<void>;
}

/**
 * Starts both emulators, seeds the demo world (or, with a world file, continues the saved one) and
 * serves the sandbox page on top.
 */
export async function startEmulators(options: EmulatorCliOptions): Promise<RunningEmulators> {
  // Loaded here, not at the top: --help and argument errors answer without loading the servers.
  const [{ TelegramEmulator }, { DiscordEmulator }, { SandboxServer, seedDemoWorld }] = await Promise.all([
    import('./telegram/index.ts'),
    import('./discord/index.ts'),
    import('./sandbox/index.ts'),
  ]);
  const saved = options.worldFile ? await readWorldFile<SavedWorlds>(options.worldFile) : undefined;
  // With a world file, an answer leaves only once what it reports is saved (see answerOnceSaved).
  let worldSaved = async () => {};
  const beforeAnswer = options.worldFile ? () => worldSaved() : undefined;
  const telegram = new TelegramEmulator({
    port: options.telegramPort,
    host: options.host,
    beforeAnswer,
    ...(saved ? { restore: { state: saved.state.telegram, afterCrash: !saved.cleanStop } } : {}),
  });
  const worldClock = stableWorldClock();
  const discord = new DiscordEmulator({
    port: options.discordPort,
    host: options.host,
    idClock: worldClock.now,
    beforeAnswer,
    ...(saved ? { restore: { state: saved.state.discord } } : {}),
  });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    const { url: telegramUrl } = await listening('telegram', options.telegramPort, telegram.start());
    stops.push(() => telegram.stop());
    const discordUrls = await listening('discord', options.discordPort, discord.start());
    stops.push(() => discord.stop());
    const demo = saved?.state.demo ?? (await seedDemoWorld(telegramUrl, discordUrls.controlUrl));
    worldClock.release();
    if (options.worldFile) {
      const worldFile = createWorldFileWriter<SavedWorlds>({
        path: options.worldFile,
        snapshot: () => ({ telegram: telegram.exportState(), discord: discord.exportState(), demo }),
        onError: options.onWorldFileError ?? ((error: unknown) => console.error(error)),
      });
      // Saved at once: the file now says this run is under way, so a crash is recognised next time.
      await worldFile.flush();
      worldSaved = () => worldFile.saved();
      const stopFollowing = [
        telegram.onActivity((type) => {
          if (!telegramReadsOnly.has(type)) worldFile.changed();
        }),
        discord.onActivity((kind) => {
          if (kind !== 'rest.request' && !kind.startsWith('gateway.')) worldFile.changed();
        }),
      ];
      // Runs last, once both emulators are closed and nothing changes any more.
      stops.unshift(async () => {
        for (const stopOne of stopFollowing) stopOne();
        await worldFile.flush({ cleanStop: true });
      });
    }
    const sandbox = new SandboxServer({
      port: options.sandboxPort,
      host: options.host,
      telegramControlUrl: `${telegramUrl}/control`,
      discordControlUrl: discordUrls.controlUrl,
      links: options.links,
    });
    const { url: sandboxUrl } = await listening('sandbox', options.sandboxPort, sandbox.start());
    stops.push(() => sandbox.stop());
    return { telegramUrl, discord: discordUrls, sandboxUrl, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Telegram activity that changes nothing kept (a bot's poll does: it confirms updates). */
const telegramReadsOnly = new Set([
  'api.call',
  'updates.delivered',
  'bot.chat_action',
  'webhook.failed',
  'emulator.error',
]);

/**
 * The demo world gets the same Discord ids on every start, so a Tandem database kept between runs
 * still matches its members and roles: ids count up from a fixed instant while the world is built,
 * then follow real time (always later, so no id of a run repeats in another).
 */
function stableWorldClock() {
  let building = true;
  let tick = Date.UTC(2025, 0, 1);
  return {
    now: () => (building ? tick++ : Date.now()),
    release: () => {
      building = false;
    },
  };
}

/** A port another program holds: the one start failure a person fixes from the command line. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

async function listening<T>(what: string, port: number, started: Promise<T>): Promise<T> {
  try {
    return await started;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(
        `Port ${port} (${what}) is in use: pass another with --${what}-port, or 0 for any`,
      );
    throw error;
  }
}

/** The addresses and demo ids a person needs, as printed at start. */
export function describeRunning(running: RunningEmulators): string {
  const { telegramUrl, discord, sandboxUrl, demo } = running;
  const { bot, users } = demo.telegram;
  const d = demo.discord;
  return `Tandem emulators are running. Ctrl+C stops them.

Sandbox page           ${sandboxUrl}

Telegram Bot API       ${telegramUrl}
  telegraf             new Telegraf(token, { telegram: { apiRoot: '${telegramUrl}' } })
  control API          ${telegramUrl}/control   (live events: ${telegramUrl}/control/events)
  bot token            ${bot.token}   (@${bot.username})
  demo users           ${users.map((user) => `${user.firstName} @${user.username} (id ${user.id})`).join(', ')}

Discord API            ${discord.apiUrl}
  discord.js           new Client({ intents, rest: { api: '${discord.apiUrl}' } })
  gateway              ${discord.gatewayUrl}
  control API          ${discord.controlUrl}   (live events: ${discord.controlUrl}/events)
  bot token            ${d.bot.token}   (application ${d.bot.applicationId})
  demo guild           Tandem Test Guild (id ${d.guildId})
  channels             #general ${d.channels.general}, voice Lounge ${d.channels.lounge}, voice AFK ${d.channels.afk}
  roles                Bronze ${d.roles.bronze}, Silver ${d.roles.silver}, Gold ${d.roles.gold}, Staff ${d.roles.staff}
  members              alice ${d.users.alice}, bob ${d.users.bob}, carol ${d.users.carol} (Staff)
`;
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseEmulatorArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const running = await startEmulators(options);
  console.log(describeRunning(running));
  let firstSignalAt: number | undefined;
  const shutdown = (signal: NodeJS.Signals) => {
    // Under `npm run emulators` one Ctrl+C arrives twice, from the terminal and relayed by npm, a
    // few ms apart: a copy within a second is ignored; a second Ctrl+C after that means "now".
    if (firstSignalAt !== undefined) {
      if (performance.now() - firstSignalAt < 1_000) return;
      process.exit(1);
    }
    firstSignalAt = performance.now();
    console.log(`\n${signal}: stopping the emulators`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function startedAsScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (startedAsScript()) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (isUsageError(error)) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof PortInUseError ? error.message : error);
    process.exit(1);
  });
}
