import type * as Tg from '../types.ts';
import { byteOffset, EntityParseError, type FormattedText, sortEntities } from './formatted-text.ts';

const marks: Record<string, string> = { '*': 'bold', _: 'italic' };

/** Legacy `parse_mode: Markdown`: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting. */
export function parseMarkdown(input: string): FormattedText {
  let text = '';
  const entities: Tg.MessageEntity[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    if (char === '\\' && '_*`['.includes(input[i + 1] ?? '')) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    const type = marks[char];
    const fence = input.startsWith('```', i) ? '```' : char === '`' ? '`' : undefined;
    if (type || fence) {
      const marker = fence ?? char;
      const end = input.indexOf(marker, i + marker.length);
      if (end < 0) throw unclosed(input, i);
      let content = input.slice(i + marker.length, end);
      let language: string | undefined;
      if (fence === '```') {
        const newline = content.indexOf('\n');
        if (newline > 0 && /^[\w+#-]+$/.test(content.slice(0, newline))) {
          language = content.slice(0, newline);
          content = content.slice(newline + 1);
        }
      }
      entities.push({
        type: type ?? (fence === '```' ? 'pre' : 'code'),
        offset: text.length,
        length: content.length,
        ...(language ? { language } : {}),
      });
      text += content;
      i = end + marker.length;
      continue;
    }
    if (char === '[') {
      const close = input.indexOf('](', i);
      const end = close < 0 ? -1 : input.indexOf(')', close);
      if (end < 0) throw unclosed(input, i);
      const label = input.slice(i + 1, close);
      entities.push({
        type: 'text_link',
        offset: text.length,
        length: label.length,
        url: input.slice(close + 2, end),
      });
      text += label;
      i = end + 1;
      continue;
    }
    text += char;
    i += 1;
  }
  return { text, entities: sortEntities(entities) };
}

function unclosed(input: string, index: number): EntityParseError {
  return new EntityParseError(
    `Can't find end of the entity starting at byte offset ${byteOffset(input, index)}`,
  );
}
