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
  GuildStageVoice: 13,
  GuildForum: 15,
} as const;
export type ChannelTypeValue = (typeof ChannelType)[keyof typeof ChannelType];

/** Channel types members can talk in by voice (voice and stage channels). */
export function isVoiceType(type: ChannelTypeValue): boolean {
  return type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice;
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
