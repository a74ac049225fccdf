import type { MessageVisibility } from '../events/emulator-events.ts';
import type { ApplicationRecord, MessageRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { messagePayload } from './message.ts';

/**
 * Messages whose content Discord shows a bot without the MessageContent intent: those it sent,
 * those in its DMs and those mentioning it (Gateway, Message Content Intent).
 */
export function contentExemptFor(message: MessageVisibility, botUserId: string): boolean {
  return (
    message.isDirectMessage || message.authorId === botUserId || message.mentionUserIds.includes(botUserId)
  );
}

/** The fields Discord empties without MessageContent; an absent `poll` is its empty value. */
export function withoutContent(message: Record<string, unknown>): Record<string, unknown> {
  const { poll: _poll, ...rest } = message;
  return { ...rest, content: '', embeds: [], attachments: [], components: [] };
}

/**
 * A message as a bot reads it over REST. The restriction applies "across Discord's APIs": an
 * application whose portal has not enabled MessageContent reads other users' guild messages empty.
 */
export function messageReadBy(
  world: World,
  message: MessageRecord,
  application: ApplicationRecord,
): Record<string, unknown> {
  const payload = messagePayload(world, message, { viewerId: application.botUserId });
  if (application.privilegedIntents.has('MessageContent')) return payload;
  const visibility: MessageVisibility = {
    authorId: message.authorId,
    mentionUserIds: message.mentionUserIds,
    isDirectMessage: world.channels.get(message.channelId)?.type === 1,
  };
  return contentExemptFor(visibility, application.botUserId) ? payload : withoutContent(payload);
}
