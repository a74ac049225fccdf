import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { withDetectedEntities } from './auto-entities.ts';
import { EntityParseError, type FormattedText, sortEntities } from './formatted-text.ts';
import { parseHtml } from './html.ts';
import { parseMarkdown } from './markdown.ts';
import { parseMarkdownV2 } from './markdown-v2.ts';

const parsers: Record<string, (input: string) => FormattedText> = {
  html: parseHtml,
  markdownv2: parseMarkdownV2,
  markdown: parseMarkdown,
};

/**
 * What a bot's text becomes in the chat: explicit `entities` win over `parse_mode` (as on Telegram),
 * then links, mentions, hashtags and commands are detected in the plain text.
 */
export function formatText(raw: string, parseMode: string | undefined, explicit: unknown): FormattedText {
  if (explicit !== undefined)
    return { text: raw, entities: withDetectedEntities(raw, readEntities(explicit, raw)) };
  if (parseMode === undefined || parseMode === '')
    return { text: raw, entities: withDetectedEntities(raw, []) };
  const parse = parsers[parseMode.toLowerCase()];
  if (!parse) throw BotApiError.badRequest('unsupported parse_mode');
  try {
    const formatted = parse(raw);
    return { text: formatted.text, entities: withDetectedEntities(formatted.text, formatted.entities) };
  } catch (error) {
    if (error instanceof EntityParseError)
      throw BotApiError.badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
}

function readEntities(value: unknown, text: string): Tg.MessageEntity[] {
  if (!Array.isArray(value)) throw BotApiError.badRequest("can't parse entities JSON object");
  return sortEntities(
    value.map((entity: unknown) => {
      const candidate = entity as Partial<Tg.MessageEntity> | null;
      if (
        !candidate ||
        typeof candidate.type !== 'string' ||
        !Number.isInteger(candidate.offset) ||
        !Number.isInteger(candidate.length)
      ) {
        throw BotApiError.badRequest(
          'can\'t parse MessageEntity: Field "type", "offset" and "length" are required',
        );
      }
      const offset = Math.max(0, Math.min(candidate.offset as number, text.length));
      const length = Math.max(0, Math.min(candidate.length as number, text.length - offset));
      return { ...candidate, offset, length } as Tg.MessageEntity;
    }),
  );
}
