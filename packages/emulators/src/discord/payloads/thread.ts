import type { ChannelRecord, ThreadRecord } from '../world/types.ts';
import { discordTimestamp } from './timestamp.ts';

/** A thread member object; `guildId` is added on the gateway (THREAD_MEMBER_UPDATE). */
export function threadMemberPayload(
  channel: ChannelRecord,
  member: ThreadRecord['members'][number],
  options: { guildId?: string } = {},
): Record<string, unknown> {
  return {
    id: channel.id,
    user_id: member.userId,
    join_timestamp: discordTimestamp(member.joinedAt),
    flags: 0,
    ...(options.guildId ? { guild_id: options.guildId } : {}),
  };
}

/**
 * A thread channel object (https://discord.com/developers/docs/resources/channel#thread-metadata-object).
 * With `viewerId`, `member` is the viewer's own thread member when they joined.
 */
export function threadPayload(
  channel: ChannelRecord,
  thread: ThreadRecord,
  options: { viewerId?: string } = {},
): Record<string, unknown> {
  const own = options.viewerId ? thread.members.find((m) => m.userId === options.viewerId) : undefined;
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    parent_id: channel.parentId,
    owner_id: thread.ownerId,
    name: channel.name,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: thread.rateLimitPerUser,
    flags: 0,
    message_count: thread.messageCount,
    member_count: Math.min(thread.members.length, 50),
    total_message_sent: thread.totalMessageSent,
    thread_metadata: {
      archived: thread.archived,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: discordTimestamp(thread.archiveChangedAt),
      locked: thread.locked,
      create_timestamp: discordTimestamp(thread.createdAt),
      ...(channel.type === 12 ? { invitable: thread.invitable } : {}),
    },
    ...(own ? { member: threadMemberPayload(channel, own) } : {}),
  };
}
