import { z } from 'zod';
import { openDmChannel } from '../../actions/channels.ts';
import { discordErrors } from '../../errors.ts';
import { channelPayload } from '../../payloads/guild.ts';
import { applicationPayload, currentBotUserPayload, userPayload } from '../../payloads/user.ts';
import { compareSnowflakes } from '../../snowflake.ts';
import { guildPermissions } from '../../world/permissions.ts';
import { parseForm } from '../form-errors.ts';
import { ok, param, type RouteDefinition, requireBot } from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import type { RouteDeps } from './route-deps.ts';

const createDmBody = z.object({ recipient_id: snowflake });

/** GET /users/@me/guilds: by guild id, 1-200 a page (default 200), `before` or `after` a guild id. */
const guildListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(200),
  before: snowflake.optional(),
  after: snowflake.optional(),
  with_counts: z.string().optional(),
});

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
        const query = parseForm(guildListQuery, Object.fromEntries(call.query));
        const { before, after } = query;
        const byId = world.guildsOf(user.id).sort((a, b) => compareSnowflakes(a.id, b.id));
        // As Discord: `before` gives the guilds just below it, `after` (or nothing) the first ones above.
        const page = before
          ? byId.filter((g) => compareSnowflakes(g.id, before) < 0).slice(-query.limit)
          : byId.filter((g) => !after || compareSnowflakes(g.id, after) > 0).slice(0, query.limit);
        return ok(
          page.map((guild) => ({
            id: guild.id,
            name: guild.name,
            icon: null,
            banner: null,
            owner: guild.ownerId === user.id,
            permissions: guildPermissions(guild, user.id).toString(),
            features: [],
            ...(query.with_counts === 'true'
              ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
              : {}),
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
        const recipient = world.users.get(recipientId);
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
