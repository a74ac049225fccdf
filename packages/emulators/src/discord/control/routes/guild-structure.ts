import type { Router } from 'express';
import { createChannel, deleteChannel, updateChannel } from '../../actions/channels.ts';
import { updateGuild } from '../../actions/guilds.ts';
import { createRole, deleteRole, moveRoles, updateRole } from '../../actions/roles.ts';
import { channelPayload, rolePayload } from '../../payloads/guild.ts';
import type { ChannelRecord } from '../../world/types.ts';
import type { ControlDeps } from '../control-deps.ts';
import { ControlError, controlRoute, parseInput, requireParam } from '../control-route.ts';
import {
  CHANNEL_TYPES,
  createChannelBody,
  createRoleBody,
  moveRolesBody,
  updateChannelBody,
  updateRoleBody,
} from '../schemas.ts';

/**
 * What a server admin does in Server Settings: roles (create, edit, move, permissions, delete,
 * including roles an integration manages) and channels (create, edit, delete). No permission
 * checks; each change reaches the bots with the gateway events Discord sends.
 */
export function mountGuildStructureRoutes(router: Router, deps: ControlDeps): void {
  const ctx = deps.emulator;
  const { world } = ctx;

  function guildChannel(id: string): ChannelRecord {
    const channel = world.requireChannel(id);
    if (!channel.guildId) throw new ControlError(400, `Channel ${id} is a DM, not a guild channel`);
    return channel;
  }

  controlRoute(router, 'post', '/guilds/:guildId/roles', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const { managed, botUserId, ...body } = parseInput(createRoleBody, input.body);
    if (body.id && guild.roles.has(body.id)) throw new ControlError(409, `Role ${body.id} exists`);
    if (botUserId && !world.requireUser(botUserId).bot)
      throw new ControlError(400, `User ${botUserId} is not a bot`);
    const role = createRole(ctx, guild, {
      ...body,
      ...(botUserId ? { managedForBot: botUserId } : {}),
      managedByIntegration: managed === true && !botUserId,
    });
    return { status: 201, body: rolePayload(role) };
  });

  controlRoute(router, 'patch', '/guilds/:guildId/roles', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const moves = parseInput(moveRolesBody, input.body).map(({ id, position }) => {
      if (id === guild.id) throw new ControlError(400, 'The @everyone role stays at position 0');
      return { role: world.requireRole(guild, id), position };
    });
    moveRoles(ctx, guild, moves);
    return { body: world.rolesByRank(guild).map(rolePayload) };
  });

  controlRoute(router, 'patch', '/guilds/:guildId/roles/:roleId', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const role = world.requireRole(guild, requireParam(input, 'roleId'));
    const changes = parseInput(updateRoleBody, input.body);
    if (role.id === guild.id && (changes.name !== undefined || changes.position !== undefined))
      throw new ControlError(400, 'The @everyone role keeps its name and position');
    return { body: rolePayload(updateRole(ctx, guild, role, changes)) };
  });

  controlRoute(router, 'delete', '/guilds/:guildId/roles/:roleId', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const role = world.requireRole(guild, requireParam(input, 'roleId'));
    if (role.id === guild.id) throw new ControlError(400, 'The @everyone role cannot be deleted');
    deleteRole(ctx, guild, role);
    return {};
  });

  controlRoute(router, 'post', '/guilds/:guildId/channels', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const body = parseInput(createChannelBody, input.body);
    if (body.afk && body.type !== 'voice')
      throw new ControlError(400, 'Only a voice channel can be the AFK channel');
    if (body.id && world.channels.has(body.id)) throw new ControlError(409, `Channel ${body.id} exists`);
    const { afk, ...fields } = body;
    const channel = createChannel(ctx, guild, { ...fields, type: CHANNEL_TYPES[body.type] });
    if (afk) updateGuild(ctx, guild, { afkChannelId: channel.id });
    return { status: 201, body: channelPayload(world, channel) };
  });

  controlRoute(router, 'patch', '/channels/:channelId', (input) => {
    const channel = guildChannel(requireParam(input, 'channelId'));
    const { type, ...changes } = parseInput(updateChannelBody, input.body);
    updateChannel(ctx, channel, { ...changes, ...(type ? { type: CHANNEL_TYPES[type] } : {}) });
    return { body: channelPayload(world, channel) };
  });

  controlRoute(router, 'delete', '/channels/:channelId', (input) => {
    deleteChannel(ctx, guildChannel(requireParam(input, 'channelId')));
    return {};
  });
}
