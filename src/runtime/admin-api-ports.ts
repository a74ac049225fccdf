import type { Config } from '../config.ts';
import {
  createPlatformPorts,
  type OpenPlatformPorts,
  type PlatformPortsOptions,
} from '../platforms/platform-ports.ts';
import { configuredPlatforms } from './platform-endpoints.ts';

/**
 * The platform clients of a process that serves the admin API alone: the Discord server's roles and
 * channels (the panel's pickers, the save checks, creating rank roles), and nothing players see.
 * Role edits and notices stay the workers': with a DiscordPort or a TelegramPort here, the API would
 * queue notices the workers already send.
 */
export function adminApiPorts(config: Config, options: PlatformPortsOptions = {}): OpenPlatformPorts {
  const discord = configuredPlatforms(config)?.discord ?? null;
  const clients = createPlatformPorts({ telegram: null, discord }, options);
  return { telegram: null, discord: null, discordGuild: clients.discordGuild, close: () => clients.close() };
}
