import { Events } from 'discord.js';
import { defineGatewayEvent } from './gateway-event.ts';
import { observeRolesOf } from './observe-member-roles.ts';

/** A cached member changed: only a change of roles concerns Tandem (nicknames, avatars do not). */
export const guildMemberUpdate = defineGatewayEvent({
  event: Events.GuildMemberUpdate,
  async handle(ctx, before, after) {
    const same =
      !before.partial &&
      before.roles.cache.size === after.roles.cache.size &&
      before.roles.cache.every((_, id) => after.roles.cache.has(id));
    if (same) return;
    await observeRolesOf(ctx, after);
  },
});
