import { Events } from 'discord.js';
import { defineGatewayEvent } from './gateway-event.ts';
import { observeRolesOf } from './observe-member-roles.ts';

/**
 * A member joined, or came back: Discord forgets a leaver's roles, so a linked player who rejoins
 * gets their rank role back (or it is reported) like any other drift.
 */
export const guildMemberAdd = defineGatewayEvent({
  event: Events.GuildMemberAdd,
  async handle(ctx, member) {
    await observeRolesOf(ctx, member);
  },
});
