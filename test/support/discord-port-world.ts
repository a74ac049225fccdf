import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type Scenario,
} from '@tandem/emulators/discord';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import type { DiscordPort } from '../../src/sync/ports.ts';

export interface DiscordPortWorld {
  emulator: DiscordEmulator;
  control: DiscordControlClient;
  world: Scenario;
  ports: OpenPlatformPorts;
  port: DiscordPort;
  rankRoleIds: string[];
}

/** A fresh Discord emulator with the standard scenario, and Tandem's Discord port pointed at it. */
export async function startDiscordPortWorld(): Promise<DiscordPortWorld> {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  const ports = createPlatformPorts({
    telegram: null,
    discord: { token: world.bot.token, apiRoot: urls.apiUrl, guildId: world.guildId },
  });
  const port = ports.discord!;
  const rankRoleIds = [world.roles.bronze, world.roles.silver, world.roles.gold];
  return { emulator, control, world, ports, port, rankRoleIds };
}

/** What the emulator saw, read from the world the test file started last. */
export function discordHistory(current: () => { control: DiscordControlClient; world: Scenario }) {
  async function rolesOf(userId: string): Promise<string[]> {
    const { control, world } = current();
    const guild = await control.guild(world.guildId);
    return [...(guild.members.find((m) => m.user.id === userId)?.roles ?? [])].sort();
  }

  /** REST calls the bot made since `after` (the emulator's history), as `METHOD path status`. */
  async function restCalls(after = 0): Promise<string[]> {
    const events = await current().control.history(after);
    return events
      .filter((e) => e.kind === 'rest.request')
      .map((e) => {
        const data = (e.data ?? e) as { method: string; path: string; status: number };
        return `${data.method} ${data.path.replace('/api/v10', '')} ${data.status}`;
      });
  }

  async function lastSeq(): Promise<number> {
    const events = await current().control.history();
    return events.at(-1)?.seq ?? 0;
  }

  return { rolesOf, restCalls, lastSeq };
}

export const sorted = (ids: string[]) => [...ids].sort();
