import { INTERACTION_MESSAGE_FLAGS, MessageFlag, MessageType } from '../payloads/message.ts';
import type { InteractionRecord, MessageRecord } from '../world/types.ts';
import { InteractionType } from '../world/types.ts';
import { UnknownEntityError } from '../world/unknown-entity-error.ts';
import type { EmulatorContext } from './context.ts';
import type { MessageEdit, UploadedFile } from './messages.ts';
import { deleteMessage, editMessage, postMessage } from './messages.ts';

/** Interaction callback types (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type). */
export const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

/**
 * The callbacks each interaction type accepts (Receiving and Responding, "Responding to an
 * Interaction"): autocomplete only with its choices, a modal submission not with another modal,
 * message updates only where there is a message (a component, or a modal opened from one).
 */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.DeferredUpdateMessage,
    CallbackType.UpdateMessage,
    CallbackType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [CallbackType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.DeferredUpdateMessage,
    CallbackType.UpdateMessage,
  ],
};

export class InteractionAlreadyAcknowledgedError extends Error {
  override name = 'InteractionAlreadyAcknowledgedError';
}

/** The callback type does not fit the interaction (e.g. UPDATE_MESSAGE for a slash command). */
export class CallbackTypeMismatchError extends Error {
  override name = 'CallbackTypeMismatchError';
  constructor(readonly callbackType: number) {
    super(`Callback type ${callbackType} is not valid for this interaction`);
  }
}

/** The interaction token is older than its lifetime (Discord: 15 minutes). */
export class InteractionTokenExpiredError extends Error {
  override name = 'InteractionTokenExpiredError';
}

/** No initial response yet: there is no webhook to follow up on. */
export class InteractionNotAcknowledgedError extends Error {
  override name = 'InteractionNotAcknowledgedError';
}

export interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  tts?: boolean;
}

function botOf(ctx: EmulatorContext, interaction: InteractionRecord): string {
  return ctx.world.requireApplication(interaction.applicationId).botUserId;
}

/** POST /interactions/:id/:token/callback. */
export function respondToInteraction(
  ctx: EmulatorContext,
  interaction: InteractionRecord,
  callback: { type: number; data?: MessageBody & Record<string, unknown> },
  files: UploadedFile[] = [],
): { message: MessageRecord | null } {
  if (ctx.now() - interaction.createdAt >= ctx.interactions.responseTimeoutMs) {
    // Discord forgets interactions not answered in time.
    throw new UnknownEntityError('interaction', interaction.id);
  }
  if (interaction.response)
    throw new InteractionAlreadyAcknowledgedError('Interaction has already been acknowledged.');
  if (!ALLOWED_CALLBACKS[interaction.type]?.includes(callback.type)) {
    throw new CallbackTypeMismatchError(callback.type);
  }
  // A button, or a modal opened from one: the reply points at that message and may update it.
  const onMessage = interaction.sourceMessageId !== null;
  const data = callback.data ?? {};
  const ephemeral = ((data.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
  let message: MessageRecord | null = null;

  switch (callback.type) {
    case CallbackType.ChannelMessageWithSource:
    case CallbackType.DeferredChannelMessageWithSource: {
      const deferred = callback.type === CallbackType.DeferredChannelMessageWithSource;
      message = postMessage(ctx, {
        channelId: interaction.channelId,
        authorId: botOf(ctx, interaction),
        content: deferred ? '' : data.content,
        embeds: deferred ? [] : data.embeds,
        components: deferred ? [] : data.components,
        files: deferred ? [] : files,
        tts: deferred ? false : data.tts,
        // A deferred reply keeps only EPHEMERAL (the docs' rule); a reply keeps the flags it may set.
        flags: deferred
          ? (ephemeral ? MessageFlag.Ephemeral : 0) | MessageFlag.Loading
          : (data.flags ?? 0) & INTERACTION_MESSAGE_FLAGS,
        type: onMessage ? MessageType.Reply : MessageType.ChatInputCommand,
        webhookId: interaction.applicationId,
        applicationId: interaction.applicationId,
        interactionId: interaction.id,
        messageReference:
          onMessage && interaction.sourceMessageId
            ? {
                message_id: interaction.sourceMessageId,
                channel_id: interaction.channelId,
                ...(interaction.guildId ? { guild_id: interaction.guildId } : {}),
              }
            : null,
        announce: !ephemeral,
      });
      interaction.originalMessageId = message.id;
      interaction.completed = !deferred;
      interaction.ephemeral = ephemeral;
      break;
    }
    case CallbackType.DeferredUpdateMessage:
    case CallbackType.UpdateMessage: {
      if (!interaction.sourceMessageId) throw new CallbackTypeMismatchError(callback.type);
      const source = ctx.world.requireMessage(interaction.sourceMessageId);
      if (callback.type === CallbackType.UpdateMessage)
        message = editMessage(ctx, source, { ...data, files });
      interaction.originalMessageId = source.id;
      interaction.completed = callback.type === CallbackType.UpdateMessage;
      break;
    }
    case CallbackType.ApplicationCommandAutocompleteResult:
    case CallbackType.Modal:
      // Choices are shown to the typing user; a modal waits for its submission (a new interaction).
      interaction.completed = true;
      break;
    default:
      throw new CallbackTypeMismatchError(callback.type);
  }
  interaction.response = { type: callback.type, data: callback.data ?? null, at: ctx.now() };
  ctx.events.record('interaction.responded', {
    interactionId: interaction.id,
    type: callback.type,
    data: callback.data ?? null,
    messageId: message?.id ?? null,
  });
  return { message };
}

function assertTokenAlive(ctx: EmulatorContext, interaction: InteractionRecord): void {
  if (ctx.now() - interaction.createdAt > ctx.interactions.tokenLifetimeMs) {
    throw new InteractionTokenExpiredError('Interaction token expired');
  }
}

/** The original response, or a follow-up, by id ("@original" for the first). */
export function interactionMessage(
  ctx: EmulatorContext,
  interaction: InteractionRecord,
  messageId: string,
): MessageRecord {
  assertTokenAlive(ctx, interaction);
  const id = messageId === '@original' ? interaction.originalMessageId : messageId;
  const belongs =
    id !== null && (id === interaction.originalMessageId || interaction.followupMessageIds.includes(id));
  if (!belongs || id === null) throw new UnknownEntityError('message', messageId);
  return ctx.world.requireMessage(id);
}

/** PATCH /webhooks/:app/:token/messages/:id: edits a response; resolves a deferred "thinking" reply. */
export function editInteractionMessage(
  ctx: EmulatorContext,
  interaction: InteractionRecord,
  messageId: string,
  edit: MessageEdit,
): MessageRecord {
  const message = interactionMessage(ctx, interaction, messageId);
  const wasLoading = (message.flags & MessageFlag.Loading) !== 0;
  const flags = message.flags & ~MessageFlag.Loading;
  const edited = editMessage(
    ctx,
    message,
    { ...edit, flags },
    { announce: (flags & MessageFlag.Ephemeral) === 0, markEdited: !wasLoading },
  );
  if (message.id === interaction.originalMessageId) interaction.completed = true;
  ctx.events.record('interaction.edited', { interactionId: interaction.id, messageId: message.id });
  return edited;
}

export function deleteInteractionMessage(
  ctx: EmulatorContext,
  interaction: InteractionRecord,
  messageId: string,
): void {
  const message = interactionMessage(ctx, interaction, messageId);
  deleteMessage(ctx, message, { announce: (message.flags & MessageFlag.Ephemeral) === 0 });
}

/**
 * POST /webhooks/:app/:token. As on Discord, the first follow-up after a deferred reply fills
 * the "thinking" message instead of posting a new one; its EPHEMERAL flag is then ignored (the
 * deferred reply's stays, a message's ephemerality cannot change).
 */
export function followUp(
  ctx: EmulatorContext,
  interaction: InteractionRecord,
  body: MessageBody,
  files: UploadedFile[] = [],
): MessageRecord {
  assertTokenAlive(ctx, interaction);
  if (!interaction.response) throw new InteractionNotAcknowledgedError('Respond to the interaction first');
  const ephemeral = ((body.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
  const original = interaction.originalMessageId
    ? ctx.world.messages.get(interaction.originalMessageId)
    : undefined;
  let message: MessageRecord;
  if (
    original &&
    !interaction.completed &&
    interaction.response.type === CallbackType.DeferredChannelMessageWithSource
  ) {
    message = editInteractionMessage(ctx, interaction, '@original', { ...body, files });
  } else {
    message = postMessage(ctx, {
      channelId: interaction.channelId,
      authorId: botOf(ctx, interaction),
      content: body.content,
      embeds: body.embeds,
      components: body.components,
      files,
      tts: body.tts,
      flags: (body.flags ?? 0) & INTERACTION_MESSAGE_FLAGS,
      type: MessageType.Default,
      webhookId: interaction.applicationId,
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      announce: !ephemeral,
    });
  }
  if (!interaction.followupMessageIds.includes(message.id)) interaction.followupMessageIds.push(message.id);
  ctx.events.record('interaction.followup', { interactionId: interaction.id, messageId: message.id });
  return message;
}
