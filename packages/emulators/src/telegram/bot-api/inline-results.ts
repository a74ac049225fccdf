import { BotApiError } from '../errors.ts';
import { isJsonObject, JsonFieldError, requiredString, withPrefix } from '../json-fields.ts';
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

/**
 * What each type must carry besides `type` and `id`, in the order the Bot API server checks them;
 * `a|b` takes either and, missing both, is refused as a missing `b`.
 */
const requiredFields: Record<string, string[]> = {
  article: ['input_message_content|message_text', 'title'],
  photo: ['photo_url|photo_file_id'],
  gif: ['gif_url|gif_file_id'],
  mpeg4_gif: ['mpeg4_url|mpeg4_file_id'],
  video: ['title', 'video_url|video_file_id'],
  audio: ['audio_url|audio_file_id'],
  voice: ['title', 'voice_url|voice_file_id'],
  document: ['title', 'document_url|document_file_id'],
  location: ['latitude', 'longitude', 'title'],
  venue: ['latitude', 'longitude', 'title', 'address'],
  contact: ['phone_number', 'first_name'],
  game: ['game_short_name'],
  sticker: ['sticker_file_id'],
};

/**
 * Reads `results` as the Bot API server does: absent is an empty answer; else an array of at most
 * 50 results of known types, each with a unique id of 1-64 bytes and the fields its type needs.
 */
export function readInlineResults(raw: unknown): InlineQueryResult[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw BotApiError.badRequest('expected an Array of inline query results');
  if (raw.length > maxInlineResults) throw BotApiError.badRequest('too many inline query results specified');
  const results = raw.map((entry: unknown) =>
    withPrefix("can't parse inline query result", () => readResult(entry)),
  );
  const ids = new Set<string>();
  for (const { id } of results) {
    if (id === '' || Buffer.byteLength(id) > maxIdBytes) throw BotApiError.badRequest('RESULT_ID_INVALID');
    if (ids.has(id)) throw BotApiError.badRequest('RESULT_ID_DUPLICATE');
    ids.add(id);
  }
  return results;
}

function readResult(entry: unknown): InlineQueryResult {
  if (!isJsonObject(entry)) throw new JsonFieldError('Inline query result must be an object');
  const type = requiredString(entry, 'type').toLowerCase();
  const id = requiredString(entry, 'id');
  if (!resultTypes.has(type))
    throw new JsonFieldError(`type "${type}" is unsupported for the inline query result`);
  for (const field of requiredFields[type] ?? []) {
    const names = field.split('|');
    if (!names.some((name) => entry[name] !== undefined && entry[name] !== '')) {
      throw new JsonFieldError(`Can't find field "${names[names.length - 1]}"`);
    }
  }
  return { ...entry, type, id } as InlineQueryResult;
}
