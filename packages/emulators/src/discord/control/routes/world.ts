import type { Router } from 'express';
import { banUser, unbanUser } from '../../actions/bans.ts';
import { createGuild, updateGuild } from '../../actions/guilds.ts';
import { addMember, removeMember } from '../../actions/membership.ts';
import { createBot, createUser } from '../../actions/users.ts';
import { memberPayload } from '../../payloads/guild.ts';
import { userLocale, userPayload } from '../../payloads/user.ts';
import type { UserRecord } from '../../world/types.ts';
import type { ControlDeps } from '../control-deps.ts';
import { ControlError, controlRoute, parseInput, requireParam } from '../control-route.ts';
import {
  addMemberBody,
  banBody,
  createBotBody,
  createGuildBody,
  createUserBody,
  updateBotBody,
  updateGuildBody,
  updateUserBody,
} from '../schemas.ts';
import { botView, guildView } from '../views.ts';

/** Building the world: bots, users, guilds, members (roles and channels: ./guild-structure.ts). */
export function mountWorldRoutes(router: Router, deps: ControlDeps): void {
  const ctx = deps.emulator;
  const { world } = ctx;

  controlRoute(router, 'post', '/reset', () => {
    world.reset();
    deps.gateway.reset();
    deps.gateway.up();
    deps.faults.clear();
    deps.limiter.reset();
    ctx.events.clearHistory();
    ctx.events.record('reset');
    return {};
  });

  controlRoute(router, 'get', '/state', () => ({
    body: {
      bots: [...world.applications.values()].map((application) => botView(world, application)),
      users: [...world.users.values()].map(userControlView),
      guilds: [...world.guilds.values()].map((guild) => guildView(world, guild)),
      sessions: deps.gateway.sessions.all().map((session) => ({
        id: session.id,
        botUserId: session.botUserId,
        intents: session.intents,
        shard: session.shard,
        seq: session.seq,
        connected: session.connection !== null,
      })),
    },
  }));

  controlRoute(router, 'post', '/bots', (input) => {
    const body = parseInput(createBotBody, input.body);
    const { application } = createBot(ctx, {
      username: body.username,
      userId: body.id,
      applicationId: body.applicationId,
      token: body.token,
      privilegedIntents: body.privilegedIntents,
    });
    return { status: 201, body: botView(world, application) };
  });

  controlRoute(router, 'patch', '/bots/:applicationId', (input) => {
    const application = world.requireApplication(requireParam(input, 'applicationId'));
    const body = parseInput(updateBotBody, input.body);
    application.privilegedIntents = new Set(body.privilegedIntents);
    ctx.events.record('bot.updated', {
      applicationId: application.id,
      privilegedIntents: body.privilegedIntents,
    });
    return { body: botView(world, application) };
  });

  controlRoute(router, 'post', '/users', (input) => {
    const body = parseInput(createUserBody, input.body);
    if (body.id && world.users.has(body.id)) throw new ControlError(409, `User ${body.id} exists`);
    const user = createUser(ctx, body);
    return { status: 201, body: userControlView(user) };
  });

  controlRoute(router, 'patch', '/users/:userId', (input) => {
    const user = world.requireUser(requireParam(input, 'userId'));
    const body = parseInput(updateUserBody, input.body);
    if (body.globalName !== undefined) user.globalName = body.globalName;
    if (body.acceptsDirectMessages !== undefined) user.acceptsDirectMessages = body.acceptsDirectMessages;
    if (body.locale !== undefined) user.locale = body.locale;
    ctx.events.record('user.updated', {
      user: { id: user.id, username: user.username, locale: userLocale(user) },
    });
    return { body: userControlView(user) };
  });

  controlRoute(router, 'post', '/guilds', (input) => {
    const body = parseInput(createGuildBody, input.body);
    if (body.id && world.guilds.has(body.id)) throw new ControlError(409, `Guild ${body.id} exists`);
    const ownerId =
      body.ownerId ??
      createUser(ctx, { username: `${body.name.toLowerCase().replace(/\W+/g, '')}-owner` }).id;
    const guild = createGuild(ctx, {
      id: body.id,
      name: body.name,
      ownerId,
      preferredLocale: body.preferredLocale,
    });
    return { status: 201, body: guildView(world, guild) };
  });

  controlRoute(router, 'get', '/guilds/:guildId', (input) => ({
    body: guildView(world, world.requireGuild(requireParam(input, 'guildId'))),
  }));

  controlRoute(router, 'patch', '/guilds/:guildId', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    updateGuild(ctx, guild, parseInput(updateGuildBody, input.body));
    return { body: guildView(world, guild) };
  });

  controlRoute(router, 'post', '/guilds/:guildId/members', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const body = parseInput(addMemberBody, input.body);
    const member = addMember(ctx, guild, body);
    return { status: 201, body: memberPayload(member, world.requireUser(member.userId)) };
  });

  controlRoute(router, 'delete', '/guilds/:guildId/members/:userId', (input) => {
    removeMember(ctx, world.requireGuild(requireParam(input, 'guildId')), requireParam(input, 'userId'));
    return {};
  });

  // A moderator bans a user (a member is removed too) or lifts the ban.
  controlRoute(router, 'put', '/guilds/:guildId/bans/:userId', (input) => {
    const { reason } = parseInput(banBody, input.body);
    banUser(ctx, world.requireGuild(requireParam(input, 'guildId')), requireParam(input, 'userId'), {
      reason,
    });
    return {};
  });

  controlRoute(router, 'delete', '/guilds/:guildId/bans/:userId', (input) => {
    unbanUser(ctx, world.requireGuild(requireParam(input, 'guildId')), requireParam(input, 'userId'));
    return {};
  });
}

/** A user as the control API shows it: the user object plus what only their own app knows. */
function userControlView(user: UserRecord) {
  return {
    ...userPayload(user),
    acceptsDirectMessages: user.acceptsDirectMessages,
    locale: userLocale(user),
  };
}
