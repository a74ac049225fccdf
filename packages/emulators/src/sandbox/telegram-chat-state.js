/**
 * How the Telegram pane's chat (message_id -> entry, see telegram-pane.js) follows what happens to
 * its messages after they were posted: reactions, poll votes, a poll closed, pins. No DOM here.
 */

/** An entry as the pane keeps it, from a message as the control API lists it or an event carries it. */
export function chatEntry(message, previous, replyKeyboard) {
  return {
    message,
    replyKeyboard: replyKeyboard ?? previous?.replyKeyboard,
    deleted: message.deleted === true,
    // Messages as the control API lists them carry these; live ones start bare.
    reactions: message.reactions ?? previous?.reactions,
    pollVotes: message.pollVotes ?? previous?.pollVotes,
    pinOrder: message.pinOrder ?? previous?.pinOrder,
  };
}

/** Sets what one reactor (`user:<id>`, `bot:<id>`, `anonymous:<id>`) has on the message; `[]` removes it. */
export function setReaction(chat, messageId, reactor, reaction) {
  const entry = chat.get(messageId);
  if (!entry) return false;
  const next = { ...entry.reactions };
  if (reaction.length) next[reactor] = reaction;
  else delete next[reactor];
  entry.reactions = next;
  return true;
}

/** A user's vote in the poll of `messageId` (`[]`: retracted). */
export function setPollVote(chat, messageId, userId, optionIds) {
  const entry = chat.get(messageId);
  if (!entry?.message.poll) return false;
  entry.pollVotes = { ...entry.pollVotes, [userId]: optionIds };
  return true;
}

/** stopPoll names the poll, not its message: the message holding that poll takes its final state. */
export function closePoll(chat, poll) {
  const entry = [...chat.values()].find((candidate) => candidate.message.poll?.id === poll.id);
  if (!entry) return false;
  entry.message = { ...entry.message, poll: { ...entry.message.poll, is_closed: true } };
  return true;
}

/** A pin announced by a service message (`pinned_message`): its message becomes the latest pin. */
export function pinFrom(chat, serviceMessage) {
  const entry = chat.get(serviceMessage.pinned_message?.message_id);
  if (!entry) return false;
  const latest = Math.max(-1, ...[...chat.values()].map((candidate) => candidate.pinOrder ?? -1));
  entry.pinOrder = latest + 1;
  return true;
}

export function unpin(chat, messageIds) {
  let changed = false;
  for (const id of messageIds) {
    const entry = chat.get(id);
    if (entry?.pinOrder === undefined) continue;
    entry.pinOrder = undefined;
    changed = true;
  }
  return changed;
}

/** The pinned messages still in the chat, the most recently pinned first. */
export function pinnedEntries(chat) {
  return [...chat.values()]
    .filter((entry) => entry.pinOrder !== undefined && !entry.deleted)
    .sort((a, b) => b.pinOrder - a.pinOrder);
}
