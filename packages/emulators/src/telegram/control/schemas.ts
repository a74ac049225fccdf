import { z } from 'zod';
import { ControlError } from '../errors.ts';
import { adminRightNames } from '../world/admin-rights.ts';

/** A bot by id or username (with or without @). */
const botRef = z.union([z.int().positive(), z.string().min(1)]);
const userId = z.int().positive();
const chatId = z.int().refine((id) => id !== 0, 'chat ids are never 0');

export const createBotSchema = z.object({
  token: z.string().optional(),
  username: z.string().optional(),
  firstName: z.string().min(1).optional(),
  canReadAllGroupMessages: z.boolean().optional(),
  supportsInlineQueries: z.boolean().optional(),
  inlineFeedback: z.boolean().optional(),
});

export const updateBotSchema = z.object({
  canReadAllGroupMessages: z.boolean().optional(),
  supportsInlineQueries: z.boolean().optional(),
  inlineFeedback: z.boolean().optional(),
});

/** An IETF language tag as Telegram clients report it (`ru`, `en`, `pt-br`). */
const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'must be a language tag such as "ru" or "en"');

export const createUserSchema = z.object({
  id: userId.optional(),
  firstName: z.string().min(1).default('Test User'),
  lastName: z.string().min(1).optional(),
  username: z.string().optional(),
  languageCode: languageCode.optional(),
});

/** What a user changes in their app; `languageCode: null` sends no `language_code` any more. */
export const updateUserSchema = z.object({
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).nullable().optional(),
  languageCode: languageCode.nullable().optional(),
});

export const createGroupSchema = z.object({
  title: z.string().min(1),
  type: z.enum(['group', 'supergroup', 'channel']).default('supergroup'),
  username: z.string().optional(),
  /** User ids to add as members. */
  members: z.array(userId).default([]),
  /** User or bot ids made administrators (added if not members yet). */
  admins: z.array(userId).default([]),
  /** Bots in the group; all bots when left out. */
  bots: z.array(botRef).optional(),
});

/** Telegram's ChatAdministratorRights by their Bot API names; a right left out is not granted. */
export const adminRightsSchema = z.strictObject(
  Object.fromEntries(adminRightNames.map((name) => [name, z.boolean().optional()])) as Record<
    (typeof adminRightNames)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

/** The user (an administrator, usually) who made a change; left out, the group's first human admin. */
const by = userId.optional();

export const addMemberSchema = z.object({
  /** A user id or a bot id. */
  userId,
  status: z.enum(['member', 'administrator', 'creator']).default('member'),
  /** Administrators: their rights. @defaultValue every right but promoting and anonymity */
  rights: adminRightsSchema.optional(),
  by,
});

export const removeMemberSchema = z.object({ ban: z.boolean().default(false), by });

export const promoteMemberSchema = z.object({
  /** @defaultValue every right but promoting and anonymity */
  rights: adminRightsSchema.optional(),
  by,
});

export const demoteMemberSchema = z.object({ by });

export const renameGroupSchema = z.object({ title: z.string().trim().min(1).max(128), by });

export const migrateGroupSchema = z.object({ by });

export const joinByLinkSchema = z.object({
  /** The user who opens the link. */
  user: userId,
  /** The invite link as the bot handed it out (`https://t.me/+...`). */
  link: z.string().min(1),
});

export const blockSchema = z.object({ bot: botRef.optional() });

/** Where a user acts: the private chat with `bot` (default: the first bot), or the group `chatId`. */
const userPlace = {
  from: userId,
  chatId: chatId.optional(),
  bot: botRef.optional(),
};

export const userMessageSchema = z.object({
  ...userPlace,
  text: z.string().min(1),
  replyToMessageId: z.int().positive().optional(),
});

export const userCommandSchema = z.object({
  ...userPlace,
  /** Without the slash. */
  command: z.string().regex(/^\/?[A-Za-z0-9_]{1,32}$/, 'a command is 1-32 letters, digits or _'),
  args: z.string().optional(),
  /** In groups, address the command to the bot (`/cmd@bot`). @defaultValue true when `bot` is given */
  addressed: z.boolean().optional(),
  replyToMessageId: z.int().positive().optional(),
});

export const pressButtonSchema = z
  .object({
    ...userPlace,
    messageId: z.int().positive(),
    data: z.string().optional(),
    /** The button's label, when `data` is not known. */
    text: z.string().optional(),
    /** Wait this long for the bot's answerCallbackQuery and include it in the result. */
    waitForAnswerMs: z.int().min(0).max(60_000).optional(),
  })
  .refine((input) => input.data !== undefined || input.text !== undefined, 'give the button by data or text');

export const inlineQuerySchema = z.object({
  from: userId,
  bot: botRef.optional(),
  /** What the user typed after `@bot ` (up to 256 characters). */
  query: z.string().max(256).default(''),
  /** The `next_offset` of an earlier answer, when the user scrolls for more. */
  offset: z.string().max(64).default(''),
  /** Where the user types: their chat with the bot ("sender") or a chat of this kind. */
  chatType: z.enum(['sender', 'private', 'group', 'supergroup', 'channel']).optional(),
  /** Wait this long for the bot's answerInlineQuery and include it in the result. */
  waitForAnswerMs: z.int().min(0).max(60_000).optional(),
});

export const chooseInlineResultSchema = z.object({
  from: userId,
  inlineQueryId: z.string().min(1),
  resultId: z.string().min(1),
  /** The group the message goes to; left out, the user's private chat with the bot. */
  chatId: chatId.optional(),
});

export const userMediaSchema = z.object({
  ...userPlace,
  fileName: z.string().min(1).optional(),
  mimeType: z.string().optional(),
  /** The file's bytes. Photos default to a 1x1 PNG, documents to `sizeBytes` bytes of zeros. */
  contentBase64: z.string().optional(),
  sizeBytes: z
    .int()
    .positive()
    .max(50 * 1024 * 1024)
    .default(1024),
  caption: z.string().optional(),
});

export const reactSchema = z.object({
  ...userPlace,
  messageId: z.int().positive(),
  /** The user's reactions after this, as emoji (the Bot API's list); `[]` removes theirs. */
  reaction: z.array(z.string().min(1)).max(3, 'a user sets 3 reactions at most'),
  isBig: z.boolean().default(false),
  /**
   * Reacting anonymously (as in channels): bots get only the new counts, as `message_reaction_count`.
   * @defaultValue true in channels, else false
   */
  anonymous: z.boolean().optional(),
});

export const pollVoteSchema = z.object({
  ...userPlace,
  messageId: z.int().positive(),
  /** Chosen options, by 0-based index; `[]` retracts the vote. */
  optionIds: z.array(z.int().min(0)),
});

export const messagesQuerySchema = z.object({
  bot: botRef.optional(),
  includeDeleted: z.boolean().default(true),
});

export const latencySchema = z.object({ ms: z.int().min(0).max(120_000) });

export const serverErrorsSchema = z.object({
  count: z.int().positive().default(1),
  method: z.string().optional(),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
});

export const rateLimitSchema = z.object({
  durationMs: z.int().positive().max(600_000),
  retryAfter: z.int().positive().optional(),
  method: z.string().optional(),
  /** End the storm after this many refused calls, even before `durationMs`. */
  count: z.int().positive().optional(),
});

export const duplicateSchema = z.object({
  count: z.int().positive().default(1),
  bot: botRef.optional(),
});

export const dropPollsSchema = z.object({ bot: botRef.optional() });

export const limitsSchema = z.object({
  enforce: z.boolean().optional(),
  perChatPerSecond: z.number().positive().optional(),
  perGroupPerMinute: z.number().positive().optional(),
  globalPerSecond: z.number().positive().optional(),
  burst: z.number().positive().optional(),
});

export const waitSchema = z.object({
  types: z.array(z.string()).optional(),
  botId: z.int().optional(),
  chatId: z.int().optional(),
  since: z.int().min(0).optional(),
  timeoutMs: z.int().positive().max(120_000).default(10_000),
});

export const logQuerySchema = z.object({
  types: z.array(z.string()).optional(),
  botId: z.int().optional(),
  chatId: z.int().optional(),
  since: z.int().min(0).optional(),
  limit: z.int().positive().max(10_000).default(1000),
});

/** Validates control input; a refusal names each wrong field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw ControlError.invalid(z.prettifyError(result.error));
  return result.data;
}

export const openWebAppSchema = z.object({
  /** The user opening the Mini App. */
  user: userId,
  /** Whose Mini App: the bot's menu button (a web_app one) gives the address. */
  bot: botRef.optional(),
  /** Another address than the menu button's (a web_app button of a message, say). */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** When the user opened it (seconds since 1970): an older date makes stale init data. */
  authDate: z.int().positive().optional(),
});
