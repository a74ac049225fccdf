import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import type { Params } from './params.ts';

const flags = ['is_disabled', 'prefer_small_media', 'prefer_large_media', 'show_above_text'] as const;

/**
 * `link_preview_options` of sendMessage / editMessageText (or the older `disable_web_page_preview`),
 * checked as the Bot API server checks them. The emulator makes no previews, but the message carries
 * the options back as Telegram's does: the flags set and a `url` given, nothing when none are.
 */
export function readLinkPreviewOptions(params: Params): Tg.LinkPreviewOptions | undefined {
  if (!params.has('link_preview_options'))
    return params.bool('disable_web_page_preview') ? { is_disabled: true } : undefined;
  const value = params.json('link_preview_options', "can't parse link preview options JSON object");
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw BotApiError.badRequest('object expected as link preview options');
  const input = value as Record<string, unknown>;
  const options: Tg.LinkPreviewOptions = {};
  for (const flag of flags) {
    const given = input[flag];
    if (given === undefined) continue;
    if (typeof given !== 'boolean') throw BotApiError.badRequest(`field "${flag}" must be of type Boolean`);
    if (given) options[flag] = true;
  }
  const url = input.url;
  if (url !== undefined && typeof url !== 'string' && typeof url !== 'number')
    throw BotApiError.badRequest('field "url" must be of type String');
  if (url !== undefined && String(url) !== '') options.url = String(url);
  return Object.keys(options).length ? options : undefined;
}
