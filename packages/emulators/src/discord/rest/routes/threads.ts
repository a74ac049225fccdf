import { z } from 'zod';
import {
  addThreadMember,
  deleteThread,
  isThread,
  removeThreadMember,
  startThread,
  type ThreadChannel,
  updateThread,
} from '../../actions/threads.ts';
import { discordErrors } from '../../errors.ts';
import { memberPayload } from '../../payloads/guild.ts';
import { threadMemberPayload, threadPayload } from '../../payloads/thread.ts';
import { hasPermission, Permission, threadVisibleTo } from '../../world/permissions.ts';
import { type ChannelRecord, ChannelType, type ChannelTypeValue } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import {
  type AuthenticatedBot,
  created,
  noContent,
  ok,
  param,
  type RestCall,
  type RestResult,
  type RouteDefinition,
  requireBot,
} from '../rest-call.ts';
import { channelOfBot, messageInChannel } from './channel-access.ts';
import { assertBotHas, botActor, botAndGuildOf, type RouteDeps } from './route-deps.ts';

const archiveDuration = z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]);
const threadName = z.string().min(1).max(100);

const fromMessageBody = z.looseObject({
  name: threadName,
  auto_archive_duration: archiveDuration.optional(),
  rate_limit_per_user: z.number().int().min(0).max(21600).nullish(),
});
const withoutMessageBody = fromMessageBody.extend({
  // In API v10 Discord still defaults to a private thread, as its documentation warns.
  type: z.union([z.literal(10), z.literal(11), z.literal(12)]).default(12),
  invitable: z.boolean().optional(),
});
const threadPatch = z.looseObject({
  name: threadName.optional(),
  archived: z.boolean().optional(),
  locked: z.boolean().optional(),
  auto_archive_duration: archiveDuration.optional(),
  invitable: z.boolean().optional(),
  rate_limit_per_user: z.number().int().min(0).max(21600).nullish(),
});

/** Channels threads can start in: text channels (public and private threads) and announcement ones. */
const THREAD_PARENTS = new Set<ChannelTypeValue>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/**
 * Threads (https://discord.com/developers/docs/resources/channel#start-thread-from-message):
 * starting them (Create Public / Private Threads), joining and leaving, thread members, the
 * guild's active threads; messages in a thread go through the channel message routes.
 */
export function threadRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  function parentOf(call: RestCall): { bot: AuthenticatedBot; parent: ChannelRecord & { guildId: string } } {
    const { bot, channel } = channelOfBot(deps, call);
    if (!channel.guildId || !THREAD_PARENTS.has(channel.type)) throw discordErrors.invalidChannelType();
    return { bot, parent: channel as ChannelRecord & { guildId: string } };
  }

  function threadOf(call: RestCall): { bot: AuthenticatedBot; thread: ThreadChannel } {
    const { bot, channel } = channelOfBot(deps, call);
    if (!isThread(channel)) throw discordErrors.invalidChannelType();
    return { bot, thread: channel };
  }

  const guildOf = (thread: ThreadChannel) => world.requireGuild(thread.guildId);

  function assertOpen(thread: ThreadChannel): void {
    if (thread.thread.archived) throw discordErrors.archivedThread();
  }

  function withGuildMember(
    thread: ThreadChannel,
    member: ThreadChannel['thread']['members'][number],
    withMember: boolean,
  ): Record<string, unknown> {
    const guildMember = withMember ? guildOf(thread).members.get(member.userId) : undefined;
    const user = world.users.get(member.userId);
    return {
      ...threadMemberPayload(thread, member),
      ...(guildMember && user ? { member: memberPayload(guildMember, user) } : {}),
    };
  }

  function join(call: RestCall): RestResult {
    const { bot, thread } = threadOf(call);
    assertOpen(thread);
    addThreadMember(ctx, thread, bot.user.id);
    return noContent();
  }

  function leave(call: RestCall): RestResult {
    const { bot, thread } = threadOf(call);
    assertOpen(thread);
    removeThreadMember(ctx, thread, bot.user.id);
    return noContent();
  }

  // discord.js sends `@me` URL-encoded (`%40me`), which express hands to `:userId` decoded.
  const membersPath = '/channels/:channelId/thread-members';
  return [
    {
      method: 'post',
      path: '/channels/:channelId/messages/:messageId/threads',
      bucket: 'threads',
      auth: 'bot',
      handler: (call) => {
        const { bot, parent } = parentOf(call);
        const message = messageInChannel(world, parent, param(call, 'messageId'));
        const body = parseForm(fromMessageBody, call.body ?? {});
        assertBotHas(world.requireGuild(parent.guildId), bot, Permission.CreatePublicThreads);
        const thread = startThread(
          ctx,
          {
            parent,
            name: body.name,
            type:
              parent.type === ChannelType.GuildAnnouncement
                ? ChannelType.AnnouncementThread
                : ChannelType.PublicThread,
            ownerId: bot.user.id,
            fromMessage: message,
            ...(body.auto_archive_duration ? { autoArchiveDuration: body.auto_archive_duration } : {}),
            ...(body.rate_limit_per_user ? { rateLimitPerUser: body.rate_limit_per_user } : {}),
          },
          botActor(call, bot),
        );
        return created(threadPayload(thread, thread.thread, { viewerId: bot.user.id }));
      },
    },
    {
      method: 'post',
      path: '/channels/:channelId/threads',
      bucket: 'threads',
      auth: 'bot',
      handler: (call) => {
        const { bot, parent } = parentOf(call);
        const body = parseForm(withoutMessageBody, call.body ?? {});
        // Announcement threads only in announcement channels, and only those there.
        const announcement = parent.type === ChannelType.GuildAnnouncement;
        if ((body.type === ChannelType.AnnouncementThread) !== announcement)
          throw discordErrors.invalidChannelType();
        const permission =
          body.type === ChannelType.PrivateThread
            ? Permission.CreatePrivateThreads
            : Permission.CreatePublicThreads;
        assertBotHas(world.requireGuild(parent.guildId), bot, permission);
        const thread = startThread(
          ctx,
          {
            parent,
            name: body.name,
            type: body.type,
            ownerId: bot.user.id,
            ...(body.auto_archive_duration ? { autoArchiveDuration: body.auto_archive_duration } : {}),
            ...(body.rate_limit_per_user ? { rateLimitPerUser: body.rate_limit_per_user } : {}),
            ...(body.invitable !== undefined ? { invitable: body.invitable } : {}),
          },
          botActor(call, bot),
        );
        return created(threadPayload(thread, thread.thread, { viewerId: bot.user.id }));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/threads/active',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        const threads = world
          .guildThreads(guild)
          .filter(isThread)
          .filter((thread) => !thread.thread.archived && threadVisibleTo(guild, thread, bot.user.id));
        return ok({
          threads: threads.map((thread) => threadPayload(thread, thread.thread)),
          members: threads.flatMap((thread) =>
            thread.thread.members
              .filter((member) => member.userId === bot.user.id)
              .map((member) => threadMemberPayload(thread, member)),
          ),
        });
      },
    },
    {
      method: 'put',
      path: `${membersPath}/@me`,
      bucket: 'thread-members',
      auth: 'bot',
      handler: join,
    },
    {
      method: 'delete',
      path: `${membersPath}/@me`,
      bucket: 'thread-members',
      auth: 'bot',
      handler: leave,
    },
    {
      method: 'put',
      path: `${membersPath}/:userId`,
      bucket: 'thread-members',
      auth: 'bot',
      handler: (call) => {
        if (param(call, 'userId') === '@me') return join(call);
        const { bot, thread } = threadOf(call);
        const guild = guildOf(thread);
        assertOpen(thread);
        assertBotHas(guild, bot, Permission.SendMessagesInThreads);
        // A private thread closed to invitations takes Manage Threads (its owner may still add).
        const closed = thread.type === ChannelType.PrivateThread && !thread.thread.invitable;
        if (closed && thread.thread.ownerId !== bot.user.id)
          assertBotHas(guild, bot, Permission.ManageThreads);
        world.requireMember(guild, param(call, 'userId'));
        addThreadMember(ctx, thread, param(call, 'userId'));
        return noContent();
      },
    },
    {
      method: 'delete',
      path: `${membersPath}/:userId`,
      bucket: 'thread-members',
      auth: 'bot',
      handler: (call) => {
        if (param(call, 'userId') === '@me') return leave(call);
        const { bot, thread } = threadOf(call);
        const guild = guildOf(thread);
        assertOpen(thread);
        const ownsPrivate =
          thread.type === ChannelType.PrivateThread && thread.thread.ownerId === bot.user.id;
        if (!ownsPrivate) assertBotHas(guild, bot, Permission.ManageThreads);
        removeThreadMember(ctx, thread, param(call, 'userId'));
        return noContent();
      },
    },
    {
      method: 'get',
      path: `${membersPath}/:userId`,
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { thread } = threadOf(call);
        const member = thread.thread.members.find((m) => m.userId === param(call, 'userId'));
        if (!member) throw discordErrors.unknownMember();
        return ok(withGuildMember(thread, member, call.query.get('with_member') === 'true'));
      },
    },
    {
      method: 'get',
      path: membersPath,
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, thread } = threadOf(call);
        // Listing thread members is restricted to bots with the GuildMembers intent enabled.
        if (!bot.application.privilegedIntents.has('GuildMembers')) throw discordErrors.missingAccess();
        const withMember = call.query.get('with_member') === 'true';
        return ok(thread.thread.members.map((member) => withGuildMember(thread, member, withMember)));
      },
    },
  ];
}

/**
 * PATCH /channels/:id on a thread: its owner may rename it and archive or reopen it; locking,
 * reopening a locked thread and editing others' threads take Manage Threads. An archived thread
 * can only be reopened (50083 for any other change).
 */
export function patchThread(deps: RouteDeps, call: RestCall, thread: ThreadChannel): RestResult {
  const ctx = deps.emulator;
  const bot = requireBot(call);
  const guild = ctx.world.requireGuild(thread.guildId);
  const body = parseForm(threadPatch, call.body ?? {});
  const moderates = hasPermission(guild, bot.user.id, Permission.ManageThreads);
  const owns = thread.thread.ownerId === bot.user.id;
  const needsModeration =
    body.locked !== undefined ||
    (thread.thread.locked && body.archived === false) ||
    body.invitable !== undefined;
  if (!moderates && (needsModeration || !owns)) throw discordErrors.missingPermissions();
  if (thread.thread.archived && body.archived !== false) throw discordErrors.archivedThread();
  updateThread(
    ctx,
    thread,
    {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.archived !== undefined ? { archived: body.archived } : {}),
      ...(body.locked !== undefined ? { locked: body.locked } : {}),
      ...(body.auto_archive_duration !== undefined
        ? { autoArchiveDuration: body.auto_archive_duration }
        : {}),
      ...(body.invitable !== undefined ? { invitable: body.invitable } : {}),
      // null clears slowmode, as on Discord.
      ...(body.rate_limit_per_user !== undefined ? { rateLimitPerUser: body.rate_limit_per_user ?? 0 } : {}),
    },
    botActor(call, bot),
  );
  return ok(threadPayload(thread, thread.thread, { viewerId: bot.user.id }));
}

/** DELETE /channels/:id on a thread: Manage Threads; answers the thread as it was. */
export function removeThread(deps: RouteDeps, call: RestCall, thread: ThreadChannel): RestResult {
  const bot = requireBot(call);
  assertBotHas(deps.emulator.world.requireGuild(thread.guildId), bot, Permission.ManageThreads);
  const answer = threadPayload(thread, thread.thread);
  deleteThread(deps.emulator, thread, botActor(call, bot));
  return ok(answer);
}
