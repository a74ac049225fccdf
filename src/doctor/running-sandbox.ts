import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The platforms as the sandbox's emulators stand in for them, with the bots' tokens there. */
export interface SandboxPlatforms {
  telegram: { token: string; apiRoot: string };
  discord: { token: string; apiRoot: string; guildId: string };
}

/** What the world file says of the demo world: the bots' tokens and the guild (the rest is the emulators'). */
const worldFile = z.object({
  state: z.object({
    demo: z.object({
      telegram: z.object({ bot: z.object({ token: z.string() }) }),
      discord: z.object({ bot: z.object({ token: z.string() }), guildId: z.string() }),
    }),
  }),
});
const sandboxConfig = z.object({ telegramControlUrl: z.string(), discordControlUrl: z.string() });

/**
 * The emulators `npm start` runs as the sandbox (no bot token set), found as its pages find them:
 * the sandbox page on SANDBOX_PORT says where the emulators listen, and the world it keeps under
 * DATA_DIR (src/sandbox/start-sandbox.ts: `sandbox/world.json`) holds the demo bots' tokens.
 * Undefined when no sandbox runs there: then nothing stands in for the platforms.
 */
export async function findRunningSandbox(
  dataDir: string,
  sandboxPort: number,
): Promise<SandboxPlatforms | undefined> {
  if (!sandboxPort) return undefined;
  let world: z.infer<typeof worldFile>;
  try {
    world = worldFile.parse(
      JSON.parse(await readFile(join(resolve(dataDir), 'sandbox', 'world.json'), 'utf8')),
    );
  } catch {
    return undefined;
  }
  let urls: z.infer<typeof sandboxConfig>;
  try {
    const response = await fetch(`http://127.0.0.1:${sandboxPort}/config.json`, {
      signal: AbortSignal.timeout(3000),
    });
    urls = sandboxConfig.parse(await response.json());
  } catch {
    return undefined;
  }
  // Both control APIs sit at `<emulator>/control`; Discord's REST API at `<emulator>/api`.
  const base = (controlUrl: string) => controlUrl.replace(/\/control\/?$/, '');
  const { demo } = world.state;
  return {
    telegram: { token: demo.telegram.bot.token, apiRoot: base(urls.telegramControlUrl) },
    discord: {
      token: demo.discord.bot.token,
      apiRoot: `${base(urls.discordControlUrl)}/api`,
      guildId: demo.discord.guildId,
    },
  };
}
