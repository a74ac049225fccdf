import { Events } from 'discord.js';
import { defineGatewayEvent } from './gateway-event.ts';
import { observeRolesOf } from './observe-member-roles.ts';

/**
 * An update of a member the bot had not cached. Without the presence intent the guild arrives with
 * almost no members cached, and discord.js reports the first update of such a member as "available"
 * instead of GuildMemberUpdate; a role removed by hand from a quiet member arrives exactly so.
 */
export const guildMemberAvailable = defineGatewayEvent({
  event: Events.GuildMemberAvailable,
  async handle(ctx, member) {
    if (member.partial) return;
    await observeRolesOf(ctx, member);
  },
});
