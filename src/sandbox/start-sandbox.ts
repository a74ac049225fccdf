import { join, resolve } from 'node:path';
import { type RunningEmulators, startEmulators } from '@tandem/emulators';
import type { Logger } from '../logging/logger.ts';
import type { PlatformEndpoints } from '../runtime/platform-endpoints.ts';
import { ensureSandboxShopRoles, type SandboxDemoWorld } from './sandbox-shop-roles.ts';

export interface Sandbox {
  platforms: PlatformEndpoints & {
    telegram: NonNullable<PlatformEndpoints['telegram']>;
    discord: NonNullable<PlatformEndpoints['discord']>;
  };
  /** The emulators; their demo world names the roles the sandbox's shop sells too. */
  emulators: RunningEmulators & { demo: SandboxDemoWorld };
  stop(): Promise<void>;
}

/** Where the sandbox keeps its emulators' world, next to the embedded database of the same data folder. */
export function sandboxWorldFile(dataDir: string): string {
  return join(resolve(dataDir), 'sandbox', 'world.json');
}

/**
 * With no bot token configured, Tandem runs against its own Telegram and Discord emulators: the real
 * bots connect to them unchanged, and the sandbox page lets a person act as players on both.
 *
 * With `dataDir`, the emulators' world (users, chats and their messages, the Telegram update ids,
 * the guild, its members and their roles) is kept there and continued on the next start, so a
 * database kept between runs still agrees with the platforms, as it would with the real ones.
 */
export async function startSandbox(options: {
  sandboxPort: number;
  host?: string;
  /** Tandem's own pages (admin panel, queue board), linked from the sandbox page's header. */
  links?: Array<{ label: string; url: string }>;
  /** The data folder (DATA_DIR) the world is kept in. @defaultValue none: a new world each start */
  dataDir?: string;
  logger?: Pick<Logger, 'warn'>;
}): Promise<Sandbox> {
  const emulators = await startEmulators({
    telegramPort: 0,
    discordPort: 0,
    sandboxPort: options.sandboxPort,
    host: options.host ?? '127.0.0.1',
    links: options.links,
    ...(options.dataDir ? { worldFile: sandboxWorldFile(options.dataDir) } : {}),
    onWorldFileError: (error) =>
      options.logger?.warn({ err: error }, 'the sandbox world was not saved; the next change tries again'),
  });
  let demo: SandboxDemoWorld;
  try {
    const shopRoles = await ensureSandboxShopRoles(
      emulators.discord.controlUrl,
      emulators.demo.discord.guildId,
    );
    demo = { ...emulators.demo, shopRoles };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
  return {
    platforms: {
      telegram: { token: demo.telegram.bot.token, apiRoot: emulators.telegramUrl },
      discord: {
        token: demo.discord.bot.token,
        apiRoot: emulators.discord.apiUrl,
        guildId: demo.discord.guildId,
      },
    },
    emulators: { ...emulators, demo },
    stop: () => emulators.stop(),
  };
}
