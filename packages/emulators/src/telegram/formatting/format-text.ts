import { BotApiError } from '../errors.ts';
import { withDetectedEntities } from './auto-entities.ts';
import { readEntities } from './entity-input.ts';
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
 * What a bot's text becomes in the chat, as the Bot API server decides it: a `parse_mode` (other
 * than "none") wins over explicit `entities`, which are used only without one; then links,
 * mentions, hashtags and commands are detected in the plain text.
 */
export function formatText(raw: string, parseMode: string | undefined, explicit: unknown): FormattedText {
  const mode = parseMode?.toLowerCase() ?? '';
  if (raw === '' || mode === '' || mode === 'none')
    return { text: raw, entities: withDetectedEntities(raw, sortEntities(readEntities(explicit, raw))) };
  const parse = parsers[mode];
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
