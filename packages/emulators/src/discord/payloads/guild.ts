import type { SessionView } from '../events/emulator-events.ts';
import { hasIntent } from '../gateway/intents.ts';
import { DEFAULT_LOCALE } from '../world/locales.ts';
import { threadVisibleTo } from '../world/permissions.ts';
import type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  RoleRecord,
  ThreadRecord,
  UserRecord,
  VoiceStateRecord,
} from '../world/types.ts';
import type { World } from '../world/world.ts';
import { threadPayload } from './thread.ts';
import { discordTimestamp } from './timestamp.ts';
import { userPayload } from './user.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : discordTimestamp(ms));

export function rolePayload(role: RoleRecord): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: 0,
    ...(role.botUserId ? { tags: { bot_id: role.botUserId } } : {}),
    ...(role.integrationId ? { tags: { integration_id: role.integrationId } } : {}),
  };
}

export function channelPayload(world: World, channel: ChannelRecord): Record<string, unknown> {
  if (channel.thread) return threadPayload(channel, channel.thread);
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      last_message_id: channel.lastMessageId,
      flags: 0,
      // The bot sees the other participant only (stored first).
      recipients: channel.recipientIds
        .slice(0, 1)
        .map((id) => world.users.get(id))
        .flatMap((u) => (u ? [userPayload(u)] : [])),
    };
  }
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: [],
    flags: 0,
    parent_id: channel.parentId,
  };
  if (channel.type === 4) return base;
  if (channel.type === 2 || channel.type === 13) {
    return {
      ...base,
      nsfw: channel.nsfw,
      bitrate: channel.bitrate,
      user_limit: channel.userLimit,
      rtc_region: null,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
    };
  }
  const text = {
    ...base,
    topic: channel.topic,
    nsfw: channel.nsfw,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
  };
  if (channel.type !== 15) return text;
  return {
    ...text,
    available_tags: [],
    default_reaction_emoji: null,
    default_thread_rate_limit_per_user: 0,
    default_sort_order: null,
    default_forum_layout: 0,
  };
}

/** A guild member; `withUser` false gives the partial member embedded in messages. */
export function memberPayload(
  member: MemberRecord,
  user: UserRecord,
  withUser = true,
): Record<string, unknown> {
  return {
    ...(withUser ? { user: userPayload(user) } : {}),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: iso(member.joinedAt),
    premium_since: null,
    deaf: member.deaf,
    mute: member.mute,
    flags: 0,
    pending: member.pending,
    communication_disabled_until: iso(member.communicationDisabledUntil),
  };
}

export function memberPayloadFor(world: World, guild: GuildRecord, userId: string): Record<string, unknown> {
  const member = world.requireMember(guild, userId);
  return memberPayload(member, world.requireUser(userId));
}

/** A voice state; `guild_id` is left out inside GUILD_CREATE, as Discord does. */
export function voiceStatePayload(
  world: World,
  guild: GuildRecord,
  state: VoiceStateRecord,
  options: { withGuildId?: boolean; withMember?: boolean } = {},
): Record<string, unknown> {
  const { withGuildId = true, withMember = true } = options;
  const member = guild.members.get(state.userId);
  const user = world.users.get(state.userId);
  return {
    ...(withGuildId ? { guild_id: state.guildId } : {}),
    channel_id: state.channelId,
    user_id: state.userId,
    ...(withMember && member && user ? { member: memberPayload(member, user) } : {}),
    session_id: state.sessionId,
    deaf: state.deaf,
    mute: state.mute,
    self_deaf: state.selfDeaf,
    self_mute: state.selfMute,
    self_stream: state.selfStream,
    self_video: state.selfVideo,
    suppress: state.suppress,
    request_to_speak_timestamp: null,
  };
}

/** A guild object (https://discord.com/developers/docs/resources/guild#guild-object): the documented fields. */
export function guildPayload(world: World, guild: GuildRecord): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    description: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    features: [],
    owner_id: guild.ownerId,
    application_id: null,
    region: 'deprecated',
    afk_channel_id: guild.afkChannelId,
    afk_timeout: guild.afkTimeout,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    roles: world.rolesByRank(guild).reverse().map(rolePayload),
    emojis: [],
    stickers: [],
    max_presences: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale ?? DEFAULT_LOCALE,
    rules_channel_id: null,
    safety_alerts_channel_id: null,
    public_updates_channel_id: null,
    premium_progress_bar_enabled: false,
    nsfw_level: 0,
    // No raid or DM-spam incident is ever in progress here.
    incidents_data: null,
  };
}

/**
 * GUILD_CREATE for one session. Without the GuildPresences intent Discord lists only the bot
 * itself and members in voice channels; with it, every member while the guild is not "large"
 * (more members than the IDENTIFY `large_threshold`).
 */
export function guildCreatePayload(
  world: World,
  guild: GuildRecord,
  view: SessionView,
): Record<string, unknown> {
  const large = guild.members.size > view.largeThreshold;
  const everyone = hasIntent(view.intents, 'GuildPresences') && !large;
  const members = world
    .membersInOrder(guild)
    .filter((member) => everyone || member.userId === view.botUserId || guild.voiceStates.has(member.userId))
    .flatMap((member) => {
      const user = world.users.get(member.userId);
      return user ? [memberPayload(member, user)] : [];
    });
  const joinedAt = guild.members.get(view.botUserId)?.joinedAt ?? Date.now();
  return {
    ...guildPayload(world, guild),
    joined_at: iso(joinedAt),
    large,
    unavailable: false,
    lazy: true,
    member_count: guild.members.size,
    members,
    channels: world.guildChannels(guild).map((channel) => channelPayload(world, channel)),
    // Active threads the bot can see: public ones, and private ones it joined or may manage.
    threads: world
      .guildThreads(guild)
      .filter((thread) => !thread.thread?.archived && threadVisibleTo(guild, thread, view.botUserId))
      .map((thread) => threadPayload(thread, thread.thread as ThreadRecord, { viewerId: view.botUserId })),
    presences: [],
    voice_states: [...guild.voiceStates.values()].map((state) =>
      voiceStatePayload(world, guild, state, { withGuildId: false, withMember: false }),
    ),
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
