import { DiscordControlClient } from '@tandem/emulators/discord';
import type { DemoWorld } from '@tandem/emulators/sandbox';

/** The demo guild's roles the sandbox's shop sells: no rank's, below the bot's own role. */
export interface SandboxShopRoles {
  supporter: string;
  nightOwl: string;
}

/** The demo world as the sandbox starts it: the emulators' world and the shop's roles in its guild. */
export type SandboxDemoWorld = DemoWorld & { shopRoles?: SandboxShopRoles };

const shopRoles = [
  ['supporter', 'Supporter', 0x9b59b6],
  ['nightOwl', 'Night Owl', 0x34495e],
] as const;

/**
 * Makes sure the demo guild has the roles the sandbox's shop sells, as a server admin would add them
 * for a shop: found by name when a kept world has them already, else created just above @everyone,
 * so they stay below the bot's role (it can give them) and apart from the rank roles (which follow
 * XP, so a bought one would be taken back).
 */
export async function ensureSandboxShopRoles(controlUrl: string, guildId: string): Promise<SandboxShopRoles> {
  const control = new DiscordControlClient(controlUrl);
  const { roles } = await control.guild(guildId);
  const found: Partial<SandboxShopRoles> = {};
  for (const [key, name, color] of shopRoles) {
    const existing = roles.find((role) => role.name === name && !role.managed);
    found[key] = existing?.id ?? (await control.createRole(guildId, { name, color, position: 1 })).id;
  }
  return found as SandboxShopRoles;
}
