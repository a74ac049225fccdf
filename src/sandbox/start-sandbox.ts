import { type RunningEmulators, startEmulators } from '../emulators/run-emulators.ts';
import type { PlatformEndpoints } from './platform-endpoints.ts';

export interface Sandbox {
  platforms: PlatformEndpoints & {
    telegram: NonNullable<PlatformEndpoints['telegram']>;
    discord: NonNullable<PlatformEndpoints['discord']>;
  };
  emulators: RunningEmulators;
  stop(): Promise<void>;
}

/**
 * With no bot token configured, Tandem runs against its own Telegram and Discord emulators: the real
 * bots connect to them unchanged, and the sandbox page lets a person act as players on both.
 */
export async function startSandbox(options: {
  sandboxPort: number;
  host?: string;
  /** Tandem's own pages (admin panel, queue board), linked from the sandbox page's header. */
  links?: Array<{ label: string; url: string }>;
}): Promise<Sandbox> {
  const emulators = await startEmulators({
    telegramPort: 0,
    discordPort: 0,
    sandboxPort: options.sandboxPort,
    host: options.host ?? '127.0.0.1',
    links: options.links,
  });
  const { demo } = emulators;
  return {
    platforms: {
      telegram: { token: demo.telegram.bot.token, apiRoot: emulators.telegramUrl },
      discord: {
        token: demo.discord.bot.token,
        apiRoot: emulators.discord.apiUrl,
        guildId: demo.discord.guildId,
      },
    },
    emulators,
    stop: () => emulators.stop(),
  };
}
