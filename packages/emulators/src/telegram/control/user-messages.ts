import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { botsReceivingGroupMessage } from '../updates/recipients.ts';
import { chatView, embeddedMessage } from '../world/objects.ts';
import type { BotRecord, ChatRecord } from '../world/records.ts';
import { unixNow } from '../world/world.ts';

export interface DeliveredUpdate {
  botId: number;
  update: Tg.Update;
}

export interface PostedMessage {
  message: Tg.Message;
  /** The update each receiving bot got (none when privacy mode hides the message from every bot). */
  updates: DeliveredUpdate[];
  /** The `user.message` event's sequence number: wait for replies `since` it. */
  seq: number;
}

/** Records a message from a person (or a service message) in a chat and hands it to the bots that see it. */
export function postUserMessage(
  ctx: EmulatorContext,
  chat: ChatRecord,
  from: Tg.User,
  content: Partial<Tg.Message>,
  replyToMessageId?: number,
): PostedMessage {
  const replyTo = replyToMessageId === undefined ? undefined : chat.messages.get(replyToMessageId);
  if (replyToMessageId !== undefined && (!replyTo || replyTo.deletedAt !== undefined)) {
    throw ControlError.notFound(`No message ${replyToMessageId} in chat ${chat.id} to reply to`);
  }
  const message: Tg.Message = {
    message_id: ctx.world.nextMessageId(chat),
    from,
    chat: chatView(ctx.world, chat),
    date: unixNow(),
    ...(replyTo ? { reply_to_message: embeddedMessage(replyTo.message) } : {}),
    ...content,
  };
  chat.messages.set(message.message_id, {
    message,
    sender: from.is_bot ? { kind: 'bot', botId: from.id } : { kind: 'user', userId: from.id },
    edits: [],
  });
  const recipients =
    chat.type === 'private'
      ? privateRecipient(ctx, chat)
      : botsReceivingGroupMessage(ctx.world, chat, message);
  // Logged before the updates go out, so a parked long poll's delivery comes after it in the log.
  const event = ctx.log.record({
    type: 'user.message',
    chatId: chat.id,
    userId: from.id,
    botIds: recipients.map((bot) => bot.id),
    message,
  });
  const updates = recipients.flatMap((bot) => {
    const update = ctx.channels.enqueue(bot.id, { message });
    return update ? [{ botId: bot.id, update }] : [];
  });
  return { message, updates, seq: event.seq };
}

function privateRecipient(ctx: EmulatorContext, chat: ChatRecord): BotRecord[] {
  const bot = chat.botId === undefined ? undefined : ctx.world.bot(chat.botId);
  return bot ? [bot] : [];
}
