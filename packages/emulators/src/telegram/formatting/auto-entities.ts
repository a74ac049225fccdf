import type * as Tg from '../types.ts';

/**
 * Entities Telegram finds in plain text by itself (in user messages and in what bots send):
 * commands, @mentions, #hashtags, $CASHTAGS, links and e-mail addresses. Offsets and lengths are in
 * UTF-16 code units, as in the Bot API. Earlier patterns win where matches overlap (a link's `#x`
 * is not a hashtag).
 */
const patterns: Array<{ type: string; pattern: RegExp }> = [
  { type: 'url', pattern: /(?<![\w@/])https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]/giu },
  { type: 'email', pattern: /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)/gu },
  {
    type: 'bot_command',
    pattern: /(?<![^\s])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![A-Za-z0-9_@])/gu,
  },
  { type: 'mention', pattern: /(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)/gu },
  { type: 'hashtag', pattern: /(?<![\w#])#(?!\d+(?![\p{L}\p{N}_]))[\p{L}\p{N}_]+/gu },
  { type: 'cashtag', pattern: /(?<![\w$])\$[A-Z]{3,8}(?![A-Za-z])/gu },
];

export function detectEntities(text: string): Tg.MessageEntity[] {
  const found: Tg.MessageEntity[] = [];
  const taken: Array<[number, number]> = [];
  for (const { type, pattern } of patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      taken.push([start, end]);
      found.push({ type, offset: start, length: end - start });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Adds detected entities that do not overlap the given (formatting) entities, keeping offset order. */
export function withDetectedEntities(text: string, entities: Tg.MessageEntity[]): Tg.MessageEntity[] {
  const detected = detectEntities(text).filter(
    (entity) =>
      !entities.some(
        (other) =>
          (other.type === 'code' || other.type === 'pre' || other.type === 'text_link') &&
          entity.offset < other.offset + other.length &&
          entity.offset + entity.length > other.offset,
      ),
  );
  return [...entities, ...detected].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
