import type * as Tg from '../types.ts';
import { byteOffset, EntityParseError, type FormattedText, sortEntities } from './formatted-text.ts';

const reserved = new Set('_*[]()~`>#+-=|{}.!'.split(''));

interface OpenMark {
  type: string;
  /** The markup that closes it. */
  marker: string;
  offset: number;
  at: number;
}

const entityNames: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  blockquote: 'BlockQuote',
};

/**
 * `parse_mode: MarkdownV2`: every reserved character outside markup must be escaped with `\`,
 * the rule bots most often break (an unescaped `.` in "5.5 coins" fails the whole message).
 */
export function parseMarkdownV2(input: string): FormattedText {
  let text = '';
  const entities: Tg.MessageEntity[] = [];
  const open: OpenMark[] = [];
  let quote: Tg.MessageEntity | undefined;
  let i = 0;
  const toggle = (type: string, marker: string) => {
    const top = open.at(-1);
    if (top?.marker === marker) {
      open.pop();
      entities.push({ type: top.type, offset: top.offset, length: text.length - top.offset });
    } else {
      open.push({ type, marker, offset: text.length, at: byteOffset(input, i) });
    }
    i += marker.length;
  };

  while (i < input.length) {
    const char = input[i] as string;
    const atLineStart = i === 0 || input[i - 1] === '\n';
    if (atLineStart && quote && char !== '>') {
      quote.length = text.length - quote.offset - (text.endsWith('\n') ? 1 : 0);
      entities.push(quote);
      quote = undefined;
    }
    if (char === '\\') {
      const next = input[i + 1];
      if (next === undefined) throw reservedError('\\');
      text += next;
      i += 2;
    } else if (char === '`') {
      i = readCode(input, i, text.length, entities, (content) => {
        text += content;
      });
    } else if (char === '*') {
      toggle('bold', '*');
    } else if (char === '_') {
      if (input[i + 1] === '_') toggle('underline', '__');
      else toggle('italic', '_');
    } else if (char === '~') {
      toggle('strikethrough', '~');
    } else if (char === '|' && input[i + 1] === '|') {
      toggle('spoiler', '||');
    } else if (char === '[') {
      open.push({ type: 'text_link', marker: ']', offset: text.length, at: byteOffset(input, i) });
      i += 1;
    } else if (char === ']' && open.at(-1)?.marker === ']') {
      const link = open.pop() as OpenMark;
      if (input[i + 1] !== '(')
        throw new EntityParseError(`Can't find end of TextUrl entity at byte offset ${link.at}`);
      const { url, end } = readUrl(input, i + 2, link.at);
      entities.push({ type: 'text_link', offset: link.offset, length: text.length - link.offset, url });
      i = end;
    } else if (char === '>' && atLineStart) {
      quote ??= { type: 'blockquote', offset: text.length, length: 0 };
      i += 1;
    } else if (reserved.has(char)) {
      throw reservedError(char);
    } else {
      text += char;
      i += 1;
    }
  }
  if (quote) {
    quote.length = text.length - quote.offset;
    entities.push(quote);
  }
  const unclosed = open.pop();
  if (unclosed) {
    throw new EntityParseError(
      `Can't find end of ${entityNames[unclosed.type]} entity at byte offset ${unclosed.at}`,
    );
  }
  return { text, entities: sortEntities(entities) };
}

function reservedError(char: string): EntityParseError {
  return new EntityParseError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
}

/** `code` or ```lang\npre```; inside, only ` and \ need escaping. Answers the index after the block. */
function readCode(
  input: string,
  start: number,
  offset: number,
  entities: Tg.MessageEntity[],
  append: (content: string) => void,
): number {
  const fence = input.startsWith('```', start) ? '```' : '`';
  let i = start + fence.length;
  let language: string | undefined;
  if (fence === '```') {
    const newline = input.indexOf('\n', i);
    const header = newline >= 0 ? input.slice(i, newline) : '';
    if (newline >= 0 && /^[\w+#-]*$/.test(header)) {
      language = header || undefined;
      i = newline + 1;
    }
  }
  let content = '';
  while (i < input.length && !input.startsWith(fence, i)) {
    if (input[i] === '\\' && i + 1 < input.length) {
      content += input[i + 1];
      i += 2;
    } else {
      content += input[i];
      i += 1;
    }
  }
  if (i >= input.length) {
    const name = fence === '```' ? 'Pre' : 'Code';
    throw new EntityParseError(`Can't find end of ${name} entity at byte offset ${byteOffset(input, start)}`);
  }
  append(content);
  const type = fence === '```' ? 'pre' : 'code';
  entities.push({ type, offset, length: content.length, ...(language ? { language } : {}) });
  return i + fence.length;
}

function readUrl(input: string, start: number, at: number): { url: string; end: number } {
  let url = '';
  let i = start;
  while (i < input.length && input[i] !== ')') {
    if (input[i] === '\\' && i + 1 < input.length) {
      url += input[i + 1];
      i += 2;
    } else {
      url += input[i];
      i += 1;
    }
  }
  if (i >= input.length) throw new EntityParseError(`Can't find end of a URL at byte offset ${at}`);
  return { url, end: i + 1 };
}
