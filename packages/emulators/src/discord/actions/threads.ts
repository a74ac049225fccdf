import { hasIntent } from '../gateway/intents.ts';
import { memberPayload } from '../payloads/guild.ts';
import { threadMemberPayload, threadPayload } from '../payloads/thread.ts';
import { threadVisibleTo } from '../world/permissions.ts';
import type {
  ChannelRecord,
  ChannelTypeValue,
  GuildRecord,
  MessageRecord,
  ThreadRecord,
} from '../world/types.ts';
import { AuditLogEvent, diffChanges, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import type { ChangeActor } from './member-update.ts';

/** Message flag HAS_THREAD: a thread was started from this message. */
const HAS_THREAD = 1 << 5;

/** A message that already started a thread (160004). */
export class ThreadAlreadyCreatedError extends Error {
  override name = 'ThreadAlreadyCreatedError';
  constructor(readonly messageId: string) {
    super(`Message ${messageId} already started a thread`);
  }
}

/** A thread channel with its thread state, as every thread action takes it. */
export type ThreadChannel = ChannelRecord & { thread: ThreadRecord; guildId: string };

export function isThread(channel: ChannelRecord): channel is ThreadChannel {
  return channel.thread !== undefined && channel.guildId !== null;
}

/**
 * Sends a thread event to the guild's bots that can see the thread (private threads: members
 * and those with Manage Threads), each with its own thread `member` when it joined.
 */
function announceThread(
  ctx: EmulatorContext,
  event: string,
  channel: ThreadChannel,
  extra: object = {},
): void {
  const guild = ctx.world.requireGuild(channel.guildId);
  ctx.events.dispatch({
    event,
    audience: { guildId: guild.id },
    data: (view) =>
      threadVisibleTo(guild, channel, view.botUserId)
        ? { ...threadPayload(channel, channel.thread, { viewerId: view.botUserId }), ...extra }
        : null,
  });
}

/** The thread fields the audit log tracks. */
function threadAuditView(channel: ThreadChannel): Record<string, unknown> {
  return {
    name: channel.name,
    type: channel.type,
    archived: channel.thread.archived,
    locked: channel.thread.locked,
    auto_archive_duration: channel.thread.autoArchiveDuration,
    rate_limit_per_user: channel.thread.rateLimitPerUser,
    ...(channel.type === 12 ? { invitable: channel.thread.invitable } : {}),
  };
}

export interface NewThread {
  parent: ChannelRecord & { guildId: string };
  name: string;
  type: ChannelTypeValue;
  ownerId: string;
  /** The message the thread starts from: the thread takes its id, as on Discord. */
  fromMessage?: MessageRecord;
  autoArchiveDuration?: number;
  rateLimitPerUser?: number;
  invitable?: boolean;
}

/**
 * Starts a thread (THREAD_CREATE with `newly_created`); its owner joins it. A thread started
 * from a message takes the message's id and marks the message (HAS_THREAD, MESSAGE_UPDATE).
 */
export function startThread(ctx: EmulatorContext, input: NewThread, actor: ChangeActor): ThreadChannel {
  const { parent, fromMessage } = input;
  if (fromMessage && ctx.world.channels.has(fromMessage.id))
    throw new ThreadAlreadyCreatedError(fromMessage.id);
  const now = ctx.now();
  const channel: ThreadChannel = {
    id: fromMessage?.id ?? ctx.ids.next(),
    type: input.type,
    guildId: parent.guildId,
    name: input.name,
    position: 0,
    parentId: parent.id,
    topic: null,
    nsfw: parent.nsfw,
    bitrate: 0,
    userLimit: 0,
    recipientIds: [],
    lastMessageId: null,
    thread: {
      ownerId: input.ownerId,
      archived: false,
      locked: false,
      invitable: input.invitable ?? true,
      autoArchiveDuration: input.autoArchiveDuration ?? 4320,
      rateLimitPerUser: input.rateLimitPerUser ?? 0,
      archiveChangedAt: now,
      createdAt: now,
      members: [],
      messageCount: 0,
      totalMessageSent: 0,
    },
  };
  ctx.world.channels.set(channel.id, channel);
  addThreadMember(ctx, channel, input.ownerId, { announceCreate: false });
  announceThread(ctx, 'THREAD_CREATE', channel, { newly_created: true });
  if (fromMessage) fromMessage.flags |= HAS_THREAD;
  const guild = ctx.world.requireGuild(channel.guildId);
  const changes = diffChanges(null, threadAuditView(channel));
  recordAuditEntry(
    ctx,
    guild,
    { actionType: AuditLogEvent.ThreadCreate, targetId: channel.id, changes },
    actor,
  );
  ctx.events.record('thread.created', { thread: threadPayload(channel, channel.thread), actor });
  return channel;
}

/**
 * A user joins (or is added to) a thread: THREAD_MEMBERS_UPDATE to the guild's bots (GuildMembers
 * intent), and THREAD_MEMBER_UPDATE to a bot that joined itself. Joining twice changes nothing.
 */
export function addThreadMember(
  ctx: EmulatorContext,
  channel: ThreadChannel,
  userId: string,
  options: { announceCreate?: boolean } = {},
): void {
  const guild = ctx.world.requireGuild(channel.guildId);
  const member = ctx.world.requireMember(guild, userId);
  const user = ctx.world.requireUser(userId);
  if (channel.thread.members.some((m) => m.userId === userId)) return;
  const threadMember = { userId, joinedAt: ctx.now() };
  channel.thread.members.push(threadMember);
  // A bot added to a private thread it could not see learns of the thread itself.
  if (user.bot && channel.type === 12 && options.announceCreate !== false) {
    ctx.events.dispatch({
      event: 'THREAD_CREATE',
      audience: { botUserId: userId, guildId: guild.id },
      data: threadPayload(channel, channel.thread, { viewerId: userId }),
    });
  }
  if (user.bot) {
    ctx.events.dispatch({
      event: 'THREAD_MEMBER_UPDATE',
      audience: { botUserId: userId, guildId: guild.id },
      data: threadMemberPayload(channel, threadMember, { guildId: guild.id }),
    });
  }
  dispatchMembersUpdate(ctx, guild, channel, userId, {
    added_members: [{ ...threadMemberPayload(channel, threadMember), member: memberPayload(member, user) }],
  });
  ctx.events.record('thread.member.added', { threadId: channel.id, userId });
}

/** A user leaves (or is removed from) a thread (THREAD_MEMBERS_UPDATE with `removed_member_ids`). */
export function removeThreadMember(ctx: EmulatorContext, channel: ThreadChannel, userId: string): void {
  if (!channel.thread.members.some((m) => m.userId === userId)) return;
  channel.thread.members = channel.thread.members.filter((m) => m.userId !== userId);
  const guild = ctx.world.requireGuild(channel.guildId);
  dispatchMembersUpdate(ctx, guild, channel, userId, { removed_member_ids: [userId] });
  ctx.events.record('thread.member.removed', { threadId: channel.id, userId });
}

/**
 * THREAD_MEMBERS_UPDATE to the bots that can see the thread. Without the GuildMembers intent a
 * bot hears only of its own joins and leaves, as Discord documents.
 */
function dispatchMembersUpdate(
  ctx: EmulatorContext,
  guild: GuildRecord,
  channel: ThreadChannel,
  userId: string,
  change: Record<string, unknown>,
): void {
  const memberCount = Math.min(channel.thread.members.length, 50);
  ctx.events.dispatch({
    event: 'THREAD_MEMBERS_UPDATE',
    audience: { guildId: guild.id },
    data: (view) => {
      if (!threadVisibleTo(guild, channel, view.botUserId)) return null;
      if (!hasIntent(view.intents, 'GuildMembers') && userId !== view.botUserId) return null;
      return { id: channel.id, guild_id: guild.id, member_count: memberCount, ...change };
    },
  });
}

export interface ThreadChange {
  name?: string;
  archived?: boolean;
  locked?: boolean;
  autoArchiveDuration?: number;
  rateLimitPerUser?: number;
  invitable?: boolean;
}

/** Renames, archives, locks or reopens a thread (THREAD_UPDATE). */
export function updateThread(
  ctx: EmulatorContext,
  channel: ThreadChannel,
  change: ThreadChange,
  actor: ChangeActor | null,
): ThreadChannel {
  const before = threadAuditView(channel);
  const { thread } = channel;
  if (change.name !== undefined) channel.name = change.name;
  if (change.archived !== undefined && change.archived !== thread.archived) {
    thread.archived = change.archived;
    thread.archiveChangedAt = ctx.now();
  }
  if (change.locked !== undefined) thread.locked = change.locked;
  if (change.autoArchiveDuration !== undefined) thread.autoArchiveDuration = change.autoArchiveDuration;
  if (change.invitable !== undefined) thread.invitable = change.invitable;
  if (change.rateLimitPerUser !== undefined) thread.rateLimitPerUser = change.rateLimitPerUser;
  announceThread(ctx, 'THREAD_UPDATE', channel);
  const changes = diffChanges(before, threadAuditView(channel));
  // Reopening by posting is Discord's doing, not an administrative action.
  if (actor && changes.length > 0) {
    const guild = ctx.world.requireGuild(channel.guildId);
    recordAuditEntry(
      ctx,
      guild,
      { actionType: AuditLogEvent.ThreadUpdate, targetId: channel.id, changes },
      actor,
    );
  }
  ctx.events.record('thread.updated', { thread: threadPayload(channel, thread), actor });
  return channel;
}

/** Deletes a thread and its messages (THREAD_DELETE with the ids only, as Discord sends it). */
export function deleteThread(ctx: EmulatorContext, channel: ThreadChannel, actor: ChangeActor): void {
  const guild = ctx.world.requireGuild(channel.guildId);
  const visibleBefore = new Set(
    [...guild.members.keys()].filter((userId) => threadVisibleTo(guild, channel, userId)),
  );
  ctx.world.channels.delete(channel.id);
  for (const message of ctx.world.messages.values())
    if (message.channelId === channel.id) message.deleted = true;
  ctx.events.dispatch({
    event: 'THREAD_DELETE',
    audience: { guildId: guild.id },
    data: (view) =>
      visibleBefore.has(view.botUserId)
        ? { id: channel.id, guild_id: guild.id, parent_id: channel.parentId, type: channel.type }
        : null,
  });
  const changes = diffChanges(threadAuditView(channel), null);
  recordAuditEntry(
    ctx,
    guild,
    { actionType: AuditLogEvent.ThreadDelete, targetId: channel.id, changes },
    actor,
  );
  ctx.events.record('thread.deleted', { threadId: channel.id, actor });
}

/** Counts a message posted in a thread; posting reopens an archived (unlocked) thread, as on Discord. */
export function noteThreadMessage(ctx: EmulatorContext, channel: ThreadChannel): void {
  channel.thread.messageCount++;
  channel.thread.totalMessageSent++;
  if (channel.thread.archived && !channel.thread.locked)
    updateThread(ctx, channel, { archived: false }, null);
}
