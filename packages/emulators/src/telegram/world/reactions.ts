import type * as Tg from '../types.ts';
import type { StoredMessage } from './records.ts';

/** The emoji the Bot API lists for ReactionTypeEmoji: every other emoji is REACTION_INVALID. */
export const reactionEmoji: ReadonlySet<string> = new Set(
  // Space-separated; some are several code points joined by U+200D (❤‍🔥, 👨‍💻, 🤷‍♂).
  '❤ 👍 👎 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡'.split(
    ' ',
  ),
);

/** Who set a reaction, as the key of `StoredMessage.reactions`. */
export type ReactorKey = `user:${number}` | `bot:${number}` | `anonymous:${number}`;

function sameReaction(a: Tg.ReactionType, b: Tg.ReactionType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a reaction may be set on the message: a listed emoji, or a custom emoji someone already
 * put there (bots may not add new custom emoji without the chat allowing them; paid reactions are
 * never theirs to set).
 */
export function isUsableReaction(reaction: Tg.ReactionType, stored: StoredMessage): boolean {
  if (reaction.type === 'emoji') return reactionEmoji.has(reaction.emoji);
  if (reaction.type === 'custom_emoji') {
    return Object.values(stored.reactions ?? {}).some((list) => list.some((r) => sameReaction(r, reaction)));
  }
  return false;
}

/** Replaces one reactor's reactions; answers what they had before. */
export function setReactions(
  stored: StoredMessage,
  reactor: ReactorKey,
  reactions: Tg.ReactionType[],
): Tg.ReactionType[] {
  const old = stored.reactions?.[reactor] ?? [];
  const next = { ...stored.reactions };
  if (reactions.length) next[reactor] = reactions;
  else delete next[reactor];
  stored.reactions = next;
  return old;
}

/** The message's reactions counted by type, most used first (MessageReactionCountUpdated). */
export function reactionCounts(stored: StoredMessage): Tg.ReactionCount[] {
  const counts: Tg.ReactionCount[] = [];
  for (const list of Object.values(stored.reactions ?? {})) {
    for (const reaction of list) {
      const entry = counts.find((count) => sameReaction(count.type, reaction));
      if (entry) entry.total_count += 1;
      else counts.push({ type: reaction, total_count: 1 });
    }
  }
  return counts.sort((a, b) => b.total_count - a.total_count);
}
