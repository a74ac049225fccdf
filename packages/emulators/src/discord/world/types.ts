import type { PrivilegedIntentName } from '../gateway/intents.ts';

/** What the emulator knows about the Discord world. Ids are snowflake strings. */

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** When false, the bot's DMs to this user fail with 50007, as when a user closes DMs. */
  acceptsDirectMessages: boolean;
  /** The language of the user's Discord app, sent as `locale` on their interactions. @defaultValue `en-US` */
  locale?: string;
}

export interface ApplicationRecord {
  id: string;
  name: string;
  botUserId: string;
  token: string;
  privilegedIntents: Set<PrivilegedIntentName>;
  flags: number;
  /** Gateway identifies left in the current 24 h window (GET /gateway/bot `session_start_limit`). */
  sessionStartsRemaining: number;
}

export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  color: number;
  hoist: boolean;
  position: number;
  permissions: bigint;
  managed: boolean;
  mentionable: boolean;
  /** Set on the role Discord creates for a bot when it joins a guild. */
  botUserId: string | null;
  /** Set on a role an integration (not a bot in this world) manages, as Discord's `tags.integration_id`. */
  integrationId?: string | null;
}

export const ChannelType = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildStageVoice: 13,
  GuildForum: 15,
} as const;
export type ChannelTypeValue = (typeof ChannelType)[keyof typeof ChannelType];

/** Channel types members can talk in by voice (voice and stage channels). */
export function isVoiceType(type: ChannelTypeValue): boolean {
  return type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice;
}

/** Thread channel types: announcement (10), public (11) and private (12) threads. */
export function isThreadType(type: ChannelTypeValue): boolean {
  return (
    type === ChannelType.AnnouncementThread ||
    type === ChannelType.PublicThread ||
    type === ChannelType.PrivateThread
  );
}

/** What only a thread has: its owner, members, archive state and counters. */
export interface ThreadRecord {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  /** Private threads: whether non-moderators may add others. */
  invitable: boolean;
  /** Minutes of inactivity before Discord hides the thread: 60, 1440, 4320 or 10080. */
  autoArchiveDuration: number;
  /** Slowmode: seconds a member waits between messages (0-21600); stored and echoed, not enforced. */
  rateLimitPerUser: number;
  /** When `archived` last changed (Discord's `archive_timestamp`). */
  archiveChangedAt: number;
  createdAt: number;
  members: Array<{ userId: string; joinedAt: number }>;
  /** Messages now in the thread, and ever sent in it (Discord's `message_count`, `total_message_sent`). */
  messageCount: number;
  totalMessageSent: number;
}

export interface ChannelRecord {
  id: string;
  type: ChannelTypeValue;
  guildId: string | null;
  name: string | null;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  bitrate: number;
  userLimit: number;
  /** DM channels: the two participants (user ids). */
  recipientIds: string[];
  lastMessageId: string | null;
  /** Set on threads, whose `parentId` is the channel they belong to. Threads are not in the guild's `channelIds`. */
  thread?: ThreadRecord;
}

export interface MemberRecord {
  guildId: string;
  userId: string;
  nick: string | null;
  /** Role ids, without the @everyone role (as Discord reports them). */
  roles: string[];
  joinedAt: number;
  deaf: boolean;
  mute: boolean;
  pending: boolean;
  communicationDisabledUntil: number | null;
}

export interface VoiceStateRecord {
  guildId: string;
  userId: string;
  channelId: string;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
  selfVideo: boolean;
  selfStream: boolean;
  mute: boolean;
  deaf: boolean;
  suppress: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  afkChannelId: string | null;
  afkTimeout: number;
  systemChannelId: string | null;
  /** The community's language (`preferred_locale`, `guild_locale`). @defaultValue `en-US` */
  preferredLocale?: string;
  roles: Map<string, RoleRecord>;
  channelIds: string[];
  members: Map<string, MemberRecord>;
  voiceStates: Map<string, VoiceStateRecord>;
  /** Users banned from the guild, by user id (created on the first ban). */
  bans?: Map<string, BanRecord>;
}

/** A ban: the user cannot join again until it is lifted. */
export interface BanRecord {
  userId: string;
  reason: string | null;
}

export interface AttachmentRecord {
  id: string;
  filename: string;
  contentType: string | null;
  size: number;
  data: Buffer;
  url: string;
}

export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: AttachmentRecord[];
  /** Message flags; 64 = EPHEMERAL, 128 = LOADING (a deferred interaction reply). */
  flags: number;
  type: number;
  createdAt: number;
  editedAt: number | null;
  mentionUserIds: string[];
  mentionRoleIds: string[];
  mentionEveryone: boolean;
  tts: boolean;
  nonce: string | number | null;
  /** Messages sent through an interaction or its webhook carry the application id here. */
  webhookId: string | null;
  applicationId: string | null;
  interactionId: string | null;
  messageReference: { message_id?: string; channel_id?: string; guild_id?: string } | null;
  deleted: boolean;
  /** Set on messages an incoming webhook posted: the name and avatar shown instead of a user's. */
  webhookAuthor?: { username: string; avatar: string | null };
  /** Reactions in the order their emoji was first used (absent on messages saved before reactions existed). */
  reactions?: ReactionRecord[];
  /** When the message was pinned; null or absent when it is not pinned. */
  pinnedAt?: number | null;
}

/** An emoji as Discord names it: unicode (`id` null) or a custom guild emoji (`name:id`). */
export interface EmojiRecord {
  id: string | null;
  name: string;
}

/** Everyone who reacted to a message with one emoji, in the order they reacted. */
export interface ReactionRecord {
  emoji: EmojiRecord;
  userIds: string[];
}

export interface CommandRecord {
  id: string;
  applicationId: string;
  guildId: string | null;
  type: number;
  name: string;
  description: string;
  options: CommandOption[];
  defaultMemberPermissions: string | null;
  dmPermission: boolean;
  nsfw: boolean;
  contexts: number[] | null;
  integrationTypes: number[];
  nameLocalizations: Record<string, string> | null;
  descriptionLocalizations: Record<string, string> | null;
  version: string;
}

export interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: CommandOption[];
  [key: string]: unknown;
}

/** Interaction types (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export interface InteractionResponseRecord {
  type: number;
  data: Record<string, unknown> | null;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  applicationId: string;
  type: number;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** The `data` field sent in INTERACTION_CREATE (command name and options, or the component). */
  data: Record<string, unknown>;
  /** For components: the message the button was on. */
  sourceMessageId: string | null;
  createdAt: number;
  response: InteractionResponseRecord | null;
  originalMessageId: string | null;
  /** False while a deferred reply still shows "thinking". */
  completed: boolean;
  followupMessageIds: string[];
  ephemeral: boolean;
  /** For an interaction the bot answered with a modal: the MODAL_SUBMIT that closed it. */
  modalSubmissionId?: string | null;
}

export interface RoleChangeRecord {
  id: string;
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  /** Who made the change: the bot (through REST) or a moderator (through the control API). */
  actorId: string | null;
  actorKind: 'bot' | 'moderator';
  reason: string | null;
  at: number;
}

/** An incoming webhook (type 1): anyone with its token can post in its channel. */
export interface WebhookRecord {
  id: string;
  guildId: string;
  channelId: string;
  /** The user (a bot here) who created it. */
  creatorId: string;
  /** Set when a bot created it: Discord's "application-owned" webhook. */
  applicationId: string | null;
  name: string;
  /** Avatar hash, or null for the default avatar. */
  avatar: string | null;
  token: string;
}

/** One entry of a guild's audit log (https://discord.com/developers/docs/resources/audit-log). */
export interface AuditLogEntryRecord {
  id: string;
  guildId: string;
  actionType: number;
  /** Who did it (a bot, or a moderator through the control API); null for a webhook edited with its token. */
  userId: string | null;
  targetId: string | null;
  changes: AuditLogChange[];
  options: Record<string, string> | null;
  reason: string | null;
}

export interface AuditLogChange {
  key: string;
  old_value?: unknown;
  new_value?: unknown;
}
