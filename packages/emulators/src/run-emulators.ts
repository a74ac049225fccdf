import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isUsageError, parseEmulatorArgs, USAGE } from './emulator-args.ts';
import { PortInUseError, type RunningEmulators, startEmulators } from './start-emulators.ts';

/**
 * Runs both platform emulators and the sandbox page in the foreground, with a demo world:
 *   npm run emulators -- [--telegram-port 8081] [--discord-port 8082] [--sandbox-port 8080] [--host 127.0.0.1]
 */

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
  demo users           ${users.map((user) => `${user.firstName} @${user.username} (id ${user.id}${user.languageCode ? `, ${user.languageCode}` : ''})`).join(', ')}

Discord API            ${discord.apiUrl}
  discord.js           new Client({ intents, rest: { api: '${discord.apiUrl}' } })
  gateway              ${discord.gatewayUrl}
  control API          ${discord.controlUrl}   (live events: ${discord.controlUrl}/events)
  bot token            ${d.bot.token}   (application ${d.bot.applicationId})
  demo guild           Tandem Test Guild (id ${d.guildId})
  channels             #general ${d.channels.general}, voice Lounge ${d.channels.lounge}, voice AFK ${d.channels.afk}
  roles                Bronze ${d.roles.bronze}, Silver ${d.roles.silver}, Gold ${d.roles.gold}, Staff ${d.roles.staff}
  members              alice ${d.users.alice}, bob ${d.users.bob}, carol ${d.users.carol} (Staff)${
    // A world saved before dmitri joined the demo guild continues without him.
    d.users.dmitri ? `, dmitri ${d.users.dmitri} (ru)` : ''
  }
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
