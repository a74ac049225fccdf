import type * as Tg from '../types.ts';
import { byteOffset, EntityParseError, type FormattedText, sortEntities } from './formatted-text.ts';

interface OpenTag {
  tag: string;
  entity: Tg.MessageEntity | undefined;
  attributes: Record<string, string>;
}

const simpleTags: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** `parse_mode: HTML`, with the tags, entities and error messages of Telegram's parser. */
export function parseHtml(input: string): FormattedText {
  let text = '';
  const entities: Tg.MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    if (char === '&') {
      const match = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(input.slice(i, i + 12));
      const decoded = match ? decodeEntity(match[1] as string) : undefined;
      if (match && decoded !== undefined) {
        text += decoded;
        i += match[0].length;
      } else {
        text += char;
        i += 1;
      }
      continue;
    }
    if (char !== '<') {
      text += char;
      i += 1;
      continue;
    }
    const at = byteOffset(input, i);
    if (input[i + 1] === '/') {
      const close = input.indexOf('>', i);
      if (close < 0) throw new EntityParseError(`Unclosed end tag at byte offset ${at}`);
      const name = input
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const top = open.pop();
      if (!top) throw new EntityParseError(`Unexpected end tag at byte offset ${at}`);
      if (name !== top.tag) {
        throw new EntityParseError(
          `Unmatched end tag at byte offset ${at}, expected "</${top.tag}>", found "</${name}>"`,
        );
      }
      closeTag(top, open, text, entities);
      i = close + 1;
      continue;
    }
    const tag = readStartTag(input, i, at);
    open.push({
      tag: tag.name,
      entity: startEntity(tag.name, tag.attributes, at, text.length),
      attributes: tag.attributes,
    });
    i = tag.end;
  }
  const unclosed = open.pop();
  if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: sortEntities(entities) };
}

function readStartTag(
  input: string,
  start: number,
  at: number,
): { name: string; attributes: Record<string, string>; end: number } {
  const nameMatch = /^[a-zA-Z0-9-]*/.exec(input.slice(start + 1)) as RegExpExecArray;
  const name = nameMatch[0].toLowerCase();
  let i = start + 1 + nameMatch[0].length;
  const attributes: Record<string, string> = {};
  for (;;) {
    while (/\s/.test(input[i] ?? '')) i += 1;
    if (i >= input.length) throw new EntityParseError(`Unclosed start tag at byte offset ${at}`);
    if (input[i] === '>') break;
    const attribute = /^([a-zA-Z0-9_-]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/.exec(input.slice(i));
    if (!attribute)
      throw new EntityParseError(`Empty attribute name in the tag "${name}" at byte offset ${at}`);
    const raw = attribute[2] ?? '';
    const value = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    attributes[(attribute[1] as string).toLowerCase()] = decodeAll(value);
    i += attribute[0].length;
  }
  return { name, attributes, end: i + 1 };
}

function startEntity(
  tag: string,
  attributes: Record<string, string>,
  at: number,
  offset: number,
): Tg.MessageEntity | undefined {
  if (tag === 'a') {
    const href = attributes.href;
    return href ? { type: 'text_link', offset, length: 0, url: href } : undefined;
  }
  if (tag === 'span') {
    if (attributes.class !== 'tg-spoiler')
      throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    return { type: 'spoiler', offset, length: 0 };
  }
  if (tag === 'tg-emoji') {
    if (!attributes['emoji-id'])
      throw new EntityParseError(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${at}`);
    return { type: 'custom_emoji', offset, length: 0, custom_emoji_id: attributes['emoji-id'] };
  }
  if (tag === 'blockquote' && 'expandable' in attributes)
    return { type: 'expandable_blockquote', offset, length: 0 };
  const type = simpleTags[tag];
  if (!type) throw new EntityParseError(`Unsupported start tag "${tag}" at byte offset ${at}`);
  return { type, offset, length: 0 };
}

function closeTag(top: OpenTag, stillOpen: OpenTag[], text: string, entities: Tg.MessageEntity[]): void {
  const entity = top.entity;
  if (!entity) return;
  entity.length = text.length - entity.offset;
  const parent = stillOpen.at(-1);
  // <pre><code class="language-x"> marks the pre block's language instead of adding a code entity.
  const language = top.attributes.class?.startsWith('language-') ? top.attributes.class.slice(9) : undefined;
  if (top.tag === 'code' && parent?.tag === 'pre' && parent.entity) {
    if (language) parent.entity.language = language;
    return;
  }
  entities.push(entity);
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return namedEntities[name];
}

function decodeAll(value: string): string {
  return value.replace(
    /&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g,
    (whole, name: string) => decodeEntity(name) ?? whole,
  );
}
