/** The control API's answers and inputs, as {@link DiscordControlClient} types them. */

export type Json = Record<string, unknown>;

/** Discord-shaped objects as the control API returns them (only the fields scripts usually read). */
export interface ControlBot {
  applicationId: string;
  userId: string;
  token: string;
  privilegedIntents: string[];
}
export interface ControlUser extends Json {
  id: string;
  username: string;
  /** The language of the user's Discord app, sent as `locale` on their interactions. */
  locale: string;
}
export interface ControlRole extends Json {
  id: string;
  name: string;
  position: number;
  color: number;
  /** The permission bit set as a decimal string. */
  permissions: string;
  managed: boolean;
  hoist: boolean;
  mentionable: boolean;
  tags?: { bot_id?: string; integration_id?: string };
}
export interface ControlChannel extends Json {
  id: string;
  name: string;
  type: number;
  position: number;
  parent_id: string | null;
}
/** Guild channel types by name (text 0, voice 2, category 4, announcement 5, stage 13, forum 15). */
export type ControlChannelType = 'text' | 'voice' | 'category' | 'announcement' | 'stage' | 'forum';
/** Permissions as a bit-set string, a number, or names (`['ManageRoles', 'SendMessages']`). */
export type ControlPermissions = string | number | string[];
export interface ControlRoleFields {
  name?: string;
  position?: number;
  permissions?: ControlPermissions;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}
export interface ControlMember extends Json {
  user: ControlUser;
  roles: string[];
}
export interface ControlMessage extends Json {
  id: string;
  channel_id: string;
  content: string;
  author: ControlUser;
  components: unknown[];
  embeds: unknown[];
  attachments: Array<{ id: string; filename: string; url: string; size: number }>;
  flags: number;
  type: number;
  pinned: boolean;
  reactions?: Array<{ count: number; me: boolean; emoji: { id: string | null; name: string } }>;
  message_reference?: { message_id?: string; channel_id?: string; guild_id?: string };
  ephemeral?: boolean;
}
export interface ControlGuild extends Json {
  id: string;
  name: string;
  ownerId: string;
  everyoneRoleId: string;
  roles: ControlRole[];
  channels: ControlChannel[];
  members: ControlMember[];
  /** Banned users, who cannot join until unbanned. */
  bans: Array<{ userId: string; reason: string | null }>;
}
export interface ControlInteraction extends Json {
  id: string;
  token: string;
  state: 'pending' | 'deferred' | 'completed';
  response: { type: number; data: Json | null; at: string } | null;
  ephemeral: boolean;
  original: ControlMessage | null;
  followups: Array<ControlMessage | null>;
  modalSubmissionId: string | null;
}
export interface ControlAuditLogEntry extends Json {
  id: string;
  action_type: number;
  user_id: string | null;
  target_id: string | null;
  changes?: Array<{ key: string; old_value?: unknown; new_value?: unknown }>;
  options?: Record<string, string>;
  reason?: string;
}
export interface ControlRoleChange extends Json {
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  actorId: string | null;
  actorKind: 'bot' | 'moderator';
  reason: string | null;
}
export interface ControlEvent extends Json {
  seq: number;
  at: string;
  kind: string;
}
