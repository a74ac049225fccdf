import { z } from 'zod';
import { PRIVILEGED_INTENTS } from '../gateway/intents.ts';
import { isSnowflake } from '../snowflake.ts';
import { DISCORD_LOCALES } from '../world/locales.ts';
import { Permission } from '../world/permissions.ts';

export const snowflake = z.string().refine(isSnowflake, { message: 'must be a snowflake id (digits)' });

const permissionName = z.enum(
  Object.keys(Permission) as [keyof typeof Permission, ...Array<keyof typeof Permission>],
);

/** Permissions as a bit-set string ("268435456"), a number, or a list of names (["ManageRoles"]). */
export const permissions = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative(), z.array(permissionName)])
  .transform((value): bigint =>
    Array.isArray(value) ? value.reduce((bits, name) => bits | Permission[name], 0n) : BigInt(value),
  );

export const createBotBody = z.object({
  username: z.string().min(1).max(32),
  id: snowflake.optional(),
  applicationId: snowflake.optional(),
  token: z.string().min(10).optional(),
  privilegedIntents: z.array(z.enum(PRIVILEGED_INTENTS)).optional(),
});

export const updateBotBody = z.object({ privilegedIntents: z.array(z.enum(PRIVILEGED_INTENTS)) });

/** One of Discord's locales (`ru`, `en-US`), as a user's app or a guild's language. */
const locale = z.enum(DISCORD_LOCALES, {
  error: () => `must be one of Discord's locales: ${DISCORD_LOCALES.join(', ')}`,
});

export const createUserBody = z.object({
  username: z.string().min(1).max(32),
  id: snowflake.optional(),
  globalName: z.string().max(32).nullable().optional(),
  acceptsDirectMessages: z.boolean().optional(),
  /** The language of the user's Discord app, sent as `locale` on their interactions. */
  locale: locale.optional(),
});

export const updateUserBody = z.object({
  globalName: z.string().max(32).nullable().optional(),
  acceptsDirectMessages: z.boolean().optional(),
  locale: locale.optional(),
});

export const createGuildBody = z.object({
  name: z.string().min(1).max(100),
  id: snowflake.optional(),
  ownerId: snowflake.optional(),
  preferredLocale: locale.optional(),
});

export const updateGuildBody = z.object({
  name: z.string().min(1).max(100).optional(),
  preferredLocale: locale.optional(),
  afkChannelId: snowflake.nullable().optional(),
  afkTimeout: z.number().int().positive().optional(),
  systemChannelId: snowflake.nullable().optional(),
});

export const createRoleBody = z.object({
  name: z.string().min(1).max(100),
  id: snowflake.optional(),
  position: z.number().int().min(1).optional(),
  permissions: permissions.optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  hoist: z.boolean().optional(),
  mentionable: z.boolean().optional(),
  /** Managed by an integration (shown with `tags.integration_id`): nobody can assign, edit the members of, or delete it. */
  managed: z.boolean().optional(),
  /** Managed as this bot's own role (`tags.bot_id`), as Discord creates when another bot joins. */
  botUserId: snowflake.optional(),
});

export const updateRoleBody = createRoleBody.omit({ id: true, managed: true, botUserId: true }).partial();

/** Several roles moved at once, as Server Settings → Roles saves a drag: `[{id, position}]`. */
export const moveRolesBody = z
  .array(z.object({ id: snowflake, position: z.number().int().min(1) }))
  .min(1, 'give at least one {id, position}');

/** Guild channel types by name, with their Discord numbers. */
export const CHANNEL_TYPES = {
  text: 0,
  voice: 2,
  category: 4,
  announcement: 5,
  stage: 13,
  forum: 15,
} as const;
const channelTypeName = z.enum(Object.keys(CHANNEL_TYPES) as [keyof typeof CHANNEL_TYPES]);

export const createChannelBody = z.object({
  name: z.string().min(1).max(100),
  type: channelTypeName.default('text'),
  nsfw: z.boolean().optional(),
  id: snowflake.optional(),
  parentId: snowflake.nullable().optional(),
  topic: z.string().max(1024).nullable().optional(),
  position: z.number().int().min(0).optional(),
  userLimit: z.number().int().min(0).max(99).optional(),
  /** Makes this voice channel the guild's AFK channel. */
  afk: z.boolean().optional(),
});

export const updateChannelBody = z.object({
  name: z.string().min(1).max(100).optional(),
  /** Only text and announcement channels change type, into each other. */
  type: channelTypeName.optional(),
  parentId: snowflake.nullable().optional(),
  topic: z.string().max(1024).nullable().optional(),
  position: z.number().int().min(0).optional(),
  userLimit: z.number().int().min(0).max(99).optional(),
  nsfw: z.boolean().optional(),
});

export const addMemberBody = z.object({
  userId: snowflake,
  roles: z.array(snowflake).optional(),
  nick: z.string().max(32).nullable().optional(),
  botRole: z
    .object({
      name: z.string().min(1).max(100).optional(),
      position: z.number().int().min(1).optional(),
      permissions: permissions.optional(),
    })
    .optional(),
});

export const moderatorRolesBody = z.object({
  add: z.array(snowflake).optional(),
  remove: z.array(snowflake).optional(),
  set: z.array(snowflake).optional(),
  moderatorId: snowflake.optional(),
  reason: z.string().max(512).optional(),
});

export const userMessageBody = z.object({
  authorId: snowflake,
  content: z.string().max(4000).optional(),
  embeds: z.array(z.looseObject({})).optional(),
  mentions: z.array(snowflake).optional(),
});

export const directMessageBody = z.object({
  userId: snowflake,
  content: z.string().min(1).max(4000),
  botUserId: snowflake.optional(),
});

export const slashCommandBody = z.object({
  channelId: snowflake,
  userId: snowflake,
  name: z.string().min(1),
  applicationId: snowflake.optional(),
  subcommandGroup: z.string().optional(),
  subcommand: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const autocompleteBody = slashCommandBody.extend({ focused: z.string().min(1) });

export const modalSubmitBody = z.object({
  interactionId: snowflake,
  values: z.record(z.string(), z.union([z.string().max(4000), z.array(z.string())])).default({}),
});

export const componentBody = z.object({
  messageId: snowflake,
  userId: snowflake,
  customId: z.string().min(1),
  values: z.array(z.string()).optional(),
});

export const interactionWaitQuery = z.object({
  wait: z.enum(['response', 'completed', 'followups']).optional(),
  count: z.coerce.number().int().min(1).default(1),
  timeoutMs: z.coerce.number().int().min(0).max(60_000).default(5_000),
});

export const voiceBody = z.object({
  channelId: snowflake.optional(),
  selfMute: z.boolean().optional(),
  selfDeaf: z.boolean().optional(),
  selfVideo: z.boolean().optional(),
  selfStream: z.boolean().optional(),
  mute: z.boolean().optional(),
  deaf: z.boolean().optional(),
});

export const latencyBody = z.object({ ms: z.number().int().min(0).max(60_000) });

export const restErrorsBody = z.object({
  count: z.number().int().min(1).default(1),
  status: z.number().int().min(500).max(599).default(500),
  route: z.string().min(1).optional(),
});

export const rateLimitStormBody = z.object({
  durationMs: z.number().int().min(1).max(600_000),
  scope: z.enum(['global', 'route']).default('global'),
  route: z.string().min(1).optional(),
});

export const gatewayDropBody = z.object({
  mode: z.enum(['abrupt', 'invalid-session', 'close']).default('abrupt'),
  botUserId: snowflake.optional(),
});

export const gatewayReconnectBody = z.object({ botUserId: snowflake.optional() });

/** How long the gateway stays down; without it, until `DELETE /faults`. */
export const gatewayDownBody = z.object({
  durationMs: z.number().int().positive().max(3_600_000).optional(),
});

/** A ban: why, as a moderator would write it in the audit log. */
export const banBody = z.object({ reason: z.string().max(512).optional() });
