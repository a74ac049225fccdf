import type { MessageVisibility } from '../events/emulator-events.ts';
import { messagePayload } from '../payloads/message.ts';
import { snowflakeTimestamp } from '../snowflake.ts';
import type { AttachmentRecord, MessageRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { isThread, noteThreadMessage } from './threads.ts';

export interface UploadedFile {
  filename: string;
  contentType: string | null;
  data: Buffer;
}

export interface NewMessage {
  channelId: string;
  authorId: string;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  files?: UploadedFile[];
  flags?: number;
  type?: number;
  tts?: boolean;
  nonce?: string | number | null;
  /** Users mentioned; by default read from `<@id>` in the content, as Discord parses them. */
  mentionUserIds?: string[];
  webhookId?: string | null;
  applicationId?: string | null;
  interactionId?: string | null;
  messageReference?: MessageRecord['messageReference'];
  /** For a webhook's message: `authorId` is the webhook's id, shown under this name and avatar. */
  webhookAuthor?: MessageRecord['webhookAuthor'];
  /** False for ephemeral interaction replies: only the invoking user sees them, no bot is told. */
  announce?: boolean;
}

const USER_MENTION = /<@!?(\d{1,20})>/g;
const ROLE_MENTION = /<@&(\d{1,20})>/g;

function parseMentions(content: string): { users: string[]; roles: string[]; everyone: boolean } {
  return {
    users: [...new Set([...content.matchAll(USER_MENTION)].map((m) => m[1] as string))],
    roles: [...new Set([...content.matchAll(ROLE_MENTION)].map((m) => m[1] as string))],
    everyone: /@(everyone|here)\b/.test(content),
  };
}

export function visibilityOf(ctx: EmulatorContext, message: MessageRecord): MessageVisibility {
  return {
    authorId: message.authorId,
    mentionUserIds: message.mentionUserIds,
    isDirectMessage: ctx.world.channels.get(message.channelId)?.type === 1,
  };
}

/** Stores a message and dispatches MESSAGE_CREATE to the guild's bots, or to the bot in a DM. */
export function postMessage(ctx: EmulatorContext, input: NewMessage): MessageRecord {
  const channel = ctx.world.requireChannel(input.channelId);
  // A webhook is no user; its message carries the name it posted under instead.
  const authorId = input.webhookAuthor ? input.authorId : ctx.world.requireUser(input.authorId).id;
  const id = ctx.ids.next();
  const content = input.content ?? '';
  const mentions = parseMentions(content);
  const attachments: AttachmentRecord[] = (input.files ?? []).map((file) => {
    const attachmentId = ctx.ids.next();
    return {
      id: attachmentId,
      filename: file.filename,
      contentType: file.contentType,
      size: file.data.length,
      data: file.data,
      url: `${ctx.baseUrl()}/attachments/${channel.id}/${attachmentId}/${encodeURIComponent(file.filename)}`,
    };
  });
  const message: MessageRecord = {
    id,
    channelId: channel.id,
    guildId: channel.guildId,
    authorId,
    content,
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    attachments,
    flags: input.flags ?? 0,
    type: input.type ?? 0,
    // Sent at its id's instant, as on Discord: clients read the time from either.
    createdAt: snowflakeTimestamp(id),
    editedAt: null,
    mentionUserIds: (input.mentionUserIds ?? mentions.users).filter((userId) => ctx.world.users.has(userId)),
    mentionRoleIds: mentions.roles,
    mentionEveryone: mentions.everyone,
    tts: input.tts ?? false,
    nonce: input.nonce ?? null,
    webhookId: input.webhookId ?? null,
    applicationId: input.applicationId ?? null,
    interactionId: input.interactionId ?? null,
    messageReference: input.messageReference ?? null,
    deleted: false,
    ...(input.webhookAuthor ? { webhookAuthor: input.webhookAuthor } : {}),
  };
  ctx.world.messages.set(id, message);
  channel.lastMessageId = id;
  if (isThread(channel)) noteThreadMessage(ctx, channel);
  if (input.announce !== false) announce(ctx, 'MESSAGE_CREATE', message);
  ctx.events.record('message.created', {
    message: messagePayload(ctx.world, message),
    announced: input.announce !== false,
  });
  return message;
}

export interface MessageEdit {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  files?: UploadedFile[];
  flags?: number;
}

export function editMessage(
  ctx: EmulatorContext,
  message: MessageRecord,
  edit: MessageEdit,
  options: { announce?: boolean; markEdited?: boolean } = {},
): MessageRecord {
  if (edit.content !== undefined) {
    message.content = edit.content;
    const mentions = parseMentions(edit.content);
    message.mentionUserIds = mentions.users.filter((userId) => ctx.world.users.has(userId));
    message.mentionRoleIds = mentions.roles;
    message.mentionEveryone = mentions.everyone;
  }
  if (edit.embeds !== undefined) message.embeds = edit.embeds;
  if (edit.components !== undefined) message.components = edit.components;
  if (edit.flags !== undefined) message.flags = edit.flags;
  for (const file of edit.files ?? []) {
    const attachmentId = ctx.ids.next();
    message.attachments.push({
      id: attachmentId,
      filename: file.filename,
      contentType: file.contentType,
      size: file.data.length,
      data: file.data,
      url: `${ctx.baseUrl()}/attachments/${message.channelId}/${attachmentId}/${encodeURIComponent(file.filename)}`,
    });
  }
  if (options.markEdited !== false) message.editedAt = ctx.now();
  if (options.announce !== false) announce(ctx, 'MESSAGE_UPDATE', message);
  ctx.events.record('message.updated', { message: messagePayload(ctx.world, message) });
  return message;
}

export function deleteMessage(
  ctx: EmulatorContext,
  message: MessageRecord,
  options: { announce?: boolean } = {},
): void {
  message.deleted = true;
  const channel = ctx.world.channels.get(message.channelId);
  if (channel && isThread(channel))
    channel.thread.messageCount = Math.max(0, channel.thread.messageCount - 1);
  if (options.announce !== false) {
    for (const audience of audiencesOf(ctx, message)) {
      ctx.events.dispatch({
        event: 'MESSAGE_DELETE',
        audience,
        data: {
          id: message.id,
          channel_id: message.channelId,
          ...(message.guildId ? { guild_id: message.guildId } : {}),
        },
      });
    }
  }
  ctx.events.record('message.deleted', { messageId: message.id, channelId: message.channelId });
}

/** Who hears about a message: the bots of its guild, or the bot in its DM. */
export function audiencesOf(
  ctx: EmulatorContext,
  message: MessageRecord,
): Array<{ guildId: string } | { botUserId: string }> {
  if (message.guildId) return [{ guildId: message.guildId }];
  const channel = ctx.world.channels.get(message.channelId);
  return (channel?.recipientIds ?? [])
    .filter((userId) => ctx.world.users.get(userId)?.bot)
    .map((botUserId) => ({ botUserId }));
}

function announce(
  ctx: EmulatorContext,
  event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE',
  message: MessageRecord,
): void {
  const data = messagePayload(ctx.world, message, { gateway: true });
  for (const audience of audiencesOf(ctx, message)) {
    ctx.events.dispatch({ event, audience, data, message: visibilityOf(ctx, message) });
  }
}
