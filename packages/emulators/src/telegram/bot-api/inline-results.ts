import { BotApiError } from '../errors.ts';
import type { InlineQueryResult } from '../world/records.ts';

/** Telegram's bounds for answerInlineQuery. */
export const maxInlineResults = 50;
const maxIdBytes = 64;

/** The InlineQueryResult types of the Bot API (cached variants share their type name). */
const resultTypes = new Set([
  'article',
  'photo',
  'gif',
  'mpeg4_gif',
  'video',
  'audio',
  'voice',
  'document',
  'location',
  'venue',
  'contact',
  'game',
  'sticker',
]);

/** What each type must carry besides `type` and `id`, as the Bot API lists them. */
const requiredFields: Record<string, string[]> = {
  article: ['title', 'input_message_content'],
  photo: ['photo_url|photo_file_id'],
  gif: ['gif_url|gif_file_id'],
  mpeg4_gif: ['mpeg4_url|mpeg4_file_id'],
  video: ['video_url|video_file_id', 'title'],
  audio: ['audio_url|audio_file_id'],
  voice: ['voice_url|voice_file_id'],
  document: ['document_url|document_file_id'],
  location: ['latitude', 'longitude', 'title'],
  venue: ['latitude', 'longitude', 'title', 'address'],
  contact: ['phone_number', 'first_name'],
  game: ['game_short_name'],
  sticker: ['sticker_file_id'],
};

/**
 * Reads `results` as Telegram does: an array of at most 50 results of known types, each with a
 * unique id of 1-64 bytes and the fields its type needs.
 */
export function readInlineResults(raw: unknown): InlineQueryResult[] {
  if (raw === undefined) throw BotApiError.badRequest('parameter "results" is required');
  if (!Array.isArray(raw)) throw BotApiError.badRequest("can't parse inline query results JSON object");
  if (raw.length > maxInlineResults) throw BotApiError.badRequest('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  return raw.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw BotApiError.badRequest("can't parse inline query result");
    }
    const result = entry as Record<string, unknown>;
    const type = typeof result.type === 'string' ? result.type : '';
    if (!resultTypes.has(type)) {
      throw BotApiError.badRequest(
        `can't parse inline query result: type "${type}" is unsupported for the inline query result`,
      );
    }
    const id = typeof result.id === 'string' ? result.id : '';
    if (id === '' || Buffer.byteLength(id) > maxIdBytes) throw BotApiError.badRequest('RESULT_ID_INVALID');
    if (ids.has(id)) throw BotApiError.badRequest('RESULT_ID_DUPLICATE');
    ids.add(id);
    for (const field of requiredFields[type] ?? []) {
      if (!field.split('|').some((name) => result[name] !== undefined && result[name] !== '')) {
        throw BotApiError.badRequest(
          `can't parse inline query result: field "${field.split('|')[0]}" is required`,
        );
      }
    }
    return result as InlineQueryResult;
  });
}
