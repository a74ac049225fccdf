import { z } from 'zod';
import { openDmChannel } from '../../actions/channels.ts';
import { discordErrors } from '../../errors.ts';
import { channelPayload } from '../../payloads/guild.ts';
import { applicationPayload, currentBotUserPayload, userPayload } from '../../payloads/user.ts';
import { isSnowflake } from '../../snowflake.ts';
import { guildPermissions } from '../../world/permissions.ts';
import { parseForm } from '../form-errors.ts';
import { ok, param, type RouteDefinition, requireBot } from '../rest-call.ts';
import type { RouteDeps } from './route-deps.ts';

const createDmBody = z.object({ recipient_id: z.string() });

export function userRoutes(deps: RouteDeps): RouteDefinition[] {
  const { world } = deps.emulator;
  return [
    {
      method: 'get',
      path: '/users/@me',
      bucket: 'users',
      auth: 'bot',
      handler: (call) => ok(currentBotUserPayload(requireBot(call).user)),
    },
    {
      method: 'get',
      path: '/users/@me/guilds',
      bucket: 'users',
      auth: 'bot',
      handler: (call) => {
        const { user } = requireBot(call);
        return ok(
          world.guildsOf(user.id).map((guild) => ({
            id: guild.id,
            name: guild.name,
            icon: null,
            banner: null,
            owner: guild.ownerId === user.id,
            permissions: guildPermissions(guild, user.id).toString(),
            features: [],
          })),
        );
      },
    },
    {
      method: 'post',
      path: '/users/@me/channels',
      bucket: 'dm-channels',
      auth: 'bot',
      handler: (call) => {
        const { user } = requireBot(call);
        const { recipient_id: recipientId } = parseForm(createDmBody, call.body);
        const recipient = isSnowflake(recipientId) ? world.users.get(recipientId) : undefined;
        if (!recipient || recipient.id === user.id) throw discordErrors.invalidRecipient();
        return ok(channelPayload(world, openDmChannel(deps.emulator, user.id, recipient.id)));
      },
    },
    {
      method: 'get',
      path: '/users/:userId',
      bucket: 'users',
      auth: 'bot',
      handler: (call) => ok(userPayload(world.requireUser(param(call, 'userId')))),
    },
    {
      method: 'get',
      path: '/applications/@me',
      bucket: 'users',
      auth: 'bot',
      handler: (call) => {
        const { application, user } = requireBot(call);
        return ok(applicationPayload(application, user, world.guildsOf(user.id).length));
      },
    },
  ];
}
