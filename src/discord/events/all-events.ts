import type { GatewayEventBinding } from './gateway-event.ts';
import { guildDirectoryEvents } from './guild-directory-changes.ts';
import { guildMemberAdd } from './guild-member-add.ts';
import { guildMemberAvailable } from './guild-member-available.ts';
import { guildMemberUpdate } from './guild-member-update.ts';
import { interactionCreate } from './interaction-create.ts';
import { memberDepartureEvents } from './member-departures.ts';
import { messageCreate } from './message-create.ts';

/**
 * The gateway events Tandem's bot acts on. Voice states need no handler: discord.js keeps them in
 * its cache and the voice ticker reads them there.
 */
export const gatewayEvents: readonly GatewayEventBinding[] = [
  interactionCreate,
  messageCreate,
  guildMemberUpdate,
  guildMemberAvailable,
  guildMemberAdd,
  ...guildDirectoryEvents,
  ...memberDepartureEvents,
];
