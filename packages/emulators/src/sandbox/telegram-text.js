import { h, safeUrl } from './dom.js';

/**
 * A Telegram message's text with its entities (bold, links, commands...) as DOM nodes. Offsets are
 * UTF-16 code units, as JavaScript strings count, so the text is cut where the entities say.
 * `onCommand(text)` runs when a /command in the text is clicked, as in Telegram's apps.
 */
export function formattedText(text, entities = [], { onCommand } = {}) {
  if (!entities.length) return [text];
  const cuts = new Set([0, text.length]);
  for (const entity of entities) {
    cuts.add(entity.offset);
    cuts.add(entity.offset + entity.length);
  }
  const points = [...cuts].filter((point) => point >= 0 && point <= text.length).sort((a, b) => a - b);
  // Outer entities first, so nesting comes out the same way in every piece.
  const ordered = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const nodes = [];
  for (let index = 0; index < points.length - 1; index++) {
    const start = points[index];
    const end = points[index + 1];
    if (start === end) continue;
    const piece = text.slice(start, end);
    let node = document.createTextNode(piece);
    const covering = ordered.filter((e) => e.offset <= start && e.offset + e.length >= end);
    for (const entity of covering.reverse()) {
      node = wrap(entity, node, text.slice(entity.offset, entity.offset + entity.length), onCommand);
    }
    nodes.push(node);
  }
  return nodes;
}

function wrap(entity, inner, whole, onCommand) {
  switch (entity.type) {
    case 'bold':
      return h('strong', {}, inner);
    case 'italic':
      return h('em', {}, inner);
    case 'underline':
      return h('u', {}, inner);
    case 'strikethrough':
      return h('s', {}, inner);
    case 'spoiler':
      return h('span', { class: 'tg-spoiler', title: 'Spoiler' }, inner);
    case 'code':
      return h('code', {}, inner);
    case 'pre':
      return h('pre', {}, inner);
    case 'blockquote':
    case 'expandable_blockquote':
      return h('blockquote', {}, inner);
    case 'text_link':
      return link(entity.url, inner);
    case 'url':
      return link(/^[a-z][a-z0-9+.-]*:/i.test(whole) ? whole : `https://${whole}`, inner);
    case 'email':
      return h('span', { class: 'tg-link' }, inner);
    case 'bot_command':
      return onCommand
        ? h('button', { type: 'button', class: 'tg-command', onclick: () => onCommand(whole) }, inner)
        : h('span', { class: 'tg-link' }, inner);
    case 'mention':
    case 'text_mention':
    case 'hashtag':
    case 'cashtag':
      return h('span', { class: 'tg-link' }, inner);
    default:
      return inner;
  }
}

function link(url, inner) {
  const href = safeUrl(url);
  return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, inner) : inner;
}

/** The line standing for a message's media, or null when it carries none. */
function attachmentLabel(message) {
  if (message.photo) return '🖼 Photo';
  if (message.animation) return '🎞 GIF';
  if (message.document) return `📄 ${message.document.file_name ?? 'File'}`;
  if (message.video) return `🎬 Video (${message.video.duration} s)`;
  if (message.voice) return `🎤 Voice message (${message.voice.duration} s)`;
  if (message.audio)
    return `🎵 ${[message.audio.performer, message.audio.title].filter(Boolean).join(' – ') || 'Audio'}`;
  if (message.sticker) return `${message.sticker.emoji ?? '🏷'} Sticker`;
  // The options, their counts and the vote buttons follow the question (telegram-message-parts.js).
  if (message.poll) return `📊 ${message.poll.type === 'quiz' ? 'Quiz' : 'Poll'}: ${message.poll.question}`;
  // Private chats show a pin as a line of the chat; groups as a service message (serviceText).
  if (message.pinned_message) return '📌 Pinned a message';
  return null;
}

/** What a message shows besides its text: its media (photo, file, poll...), with its caption. */
export function messageBody(message, options) {
  const parts = [];
  if (message.forward_origin) parts.push(h('div', { class: 'muted' }, 'Forwarded'));
  const attachment = attachmentLabel(message);
  if (attachment) parts.push(h('div', { class: 'tg-attachment' }, attachment));
  if (typeof message.text === 'string') parts.push(...formattedText(message.text, message.entities, options));
  else if (typeof message.caption === 'string')
    parts.push(...formattedText(message.caption, message.caption_entities, options));
  else if (!attachment) parts.push(h('em', { class: 'muted' }, 'Unsupported message'));
  return parts;
}

/** A person's or a bot's name as Telegram's apps show it above a message in a group. */
export function authorName(from) {
  if (!from) return '';
  return [from.first_name, from.last_name].filter(Boolean).join(' ') || (from.username ?? '');
}

/**
 * What a service message in a group says (someone joined, left, renamed it...), or null for a
 * message people wrote. Names as the group's members see them.
 */
export function serviceText(message) {
  const actor = authorName(message.from);
  const names = (users) => users.map(authorName).join(', ');
  if (message.new_chat_members) {
    const joined = message.new_chat_members;
    const self = joined.length === 1 && joined[0].id === message.from?.id;
    return self ? `${actor} joined the group` : `${actor} added ${names(joined)}`;
  }
  if (message.left_chat_member) {
    return message.left_chat_member.id === message.from?.id
      ? `${actor} left the group`
      : `${actor} removed ${authorName(message.left_chat_member)}`;
  }
  if (message.new_chat_title !== undefined)
    return `${actor} renamed the group to “${message.new_chat_title}”`;
  if (message.migrate_to_chat_id !== undefined) return 'The group was upgraded to a supergroup';
  if (message.migrate_from_chat_id !== undefined) return 'The group was upgraded from a basic group';
  if (message.group_chat_created || message.supergroup_chat_created) return `${actor} created the group`;
  if (message.pinned_message) return `${actor} pinned a message`;
  return null;
}
