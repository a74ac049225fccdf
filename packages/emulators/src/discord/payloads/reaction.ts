import type { EmojiRecord, MessageRecord } from '../world/types.ts';

export function emojiPayload(emoji: EmojiRecord): Record<string, unknown> {
  return { id: emoji.id, name: emoji.name };
}

/** The `reactions` array of a message object; `me` is whether `viewerId` (the calling bot) reacted. */
export function reactionsPayload(
  message: MessageRecord,
  viewerId: string | null,
): Array<Record<string, unknown>> {
  return (message.reactions ?? []).map((reaction) => ({
    count: reaction.userIds.length,
    count_details: { burst: 0, normal: reaction.userIds.length },
    me: viewerId !== null && reaction.userIds.includes(viewerId),
    me_burst: false,
    emoji: emojiPayload(reaction.emoji),
    burst_colors: [],
  }));
}
