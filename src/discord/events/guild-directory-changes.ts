import { Events } from 'discord.js';
import { isCommunityGuild } from '../bot-context.ts';
import type { DiscordGatewayContext } from './gateway-event.ts';
import { defineGatewayEvent, type GatewayEventBinding } from './gateway-event.ts';

/**
 * The gateway's role and channel events, and changes to the bot's own roles, announced as a
 * `discord_guild` change: the admin API drops its cached read of the server and the panel's pickers
 * refetch, instead of showing a role list up to a minute old.
 */
async function announce(ctx: DiscordGatewayContext, guildId: string | null): Promise<void> {
  if (guildId === null || !isCommunityGuild(ctx, guildId)) return;
  await ctx.deps.changes.publish({ entity: 'discord_guild', action: 'updated', id: guildId });
}

/** A DM channel has no guild: its events are none of the server's. */
const guildOf = (channel: object): string | null =>
  'guildId' in channel && typeof channel.guildId === 'string' ? channel.guildId : null;

export const guildDirectoryEvents: readonly GatewayEventBinding[] = [
  defineGatewayEvent({
    event: Events.GuildRoleCreate,
    handle: (ctx, role) => announce(ctx, role.guild.id),
  }),
  defineGatewayEvent({
    event: Events.GuildRoleUpdate,
    handle: (ctx, _before, role) => announce(ctx, role.guild.id),
  }),
  defineGatewayEvent({
    event: Events.GuildRoleDelete,
    handle: (ctx, role) => announce(ctx, role.guild.id),
  }),
  defineGatewayEvent({
    event: Events.ChannelCreate,
    handle: (ctx, channel) => announce(ctx, channel.guildId),
  }),
  defineGatewayEvent({
    event: Events.ChannelUpdate,
    handle: (ctx, _before, channel) => announce(ctx, guildOf(channel)),
  }),
  defineGatewayEvent({
    event: Events.ChannelDelete,
    handle: (ctx, channel) => announce(ctx, guildOf(channel)),
  }),
  defineGatewayEvent({
    event: Events.GuildUpdate,
    handle: (ctx, _before, guild) => announce(ctx, guild.id),
  }),
  // The bot's own roles decide which roles it can give.
  defineGatewayEvent({
    event: Events.GuildMemberUpdate,
    async handle(ctx, before, member) {
      if (member.id !== member.client.user.id) return;
      const same =
        !before.partial &&
        before.roles.cache.size === member.roles.cache.size &&
        before.roles.cache.every((_, id) => member.roles.cache.has(id));
      if (!same) await announce(ctx, member.guild.id);
    },
  }),
];
