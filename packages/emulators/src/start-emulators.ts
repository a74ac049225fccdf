import type { DiscordEmulatorState, DiscordEmulatorUrls } from './discord/index.ts';
import type { EmulatorCliOptions } from './emulator-args.ts';
import { createWorldFileWriter, readWorldFile } from './persistence/world-file.ts';
import type { DemoWorld } from './sandbox/index.ts';
import type { TelegramEmulatorState } from './telegram/index.ts';

/** The world file's content: both emulators and the demo world's ids. */
interface SavedWorlds {
  telegram: TelegramEmulatorState;
  discord: DiscordEmulatorState;
  demo: DemoWorld;
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
