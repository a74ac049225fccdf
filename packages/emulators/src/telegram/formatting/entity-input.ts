import {
  isJsonObject,
  JsonFieldError,
  optionalString,
  requiredInteger,
  requiredObject,
  requiredString,
  withPrefix,
} from '../json-fields.ts';
import type * as Tg from '../types.ts';

/** Kinds Telegram finds in the text itself: given explicitly they are dropped, then detected again. */
const detectedKinds = new Set([
  'mention',
  'hashtag',
  'cashtag',
  'bot_command',
  'url',
  'email',
  'phone_number',
  'bank_card_number',
]);

const plainKinds = new Set([
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'code',
  'blockquote',
  'expandable_blockquote',
]);

/**
 * A bot's explicit `entities` (or `caption_entities`), read as the Bot API server reads them: a
 * value that is not an array is ignored, an unusable entity refuses the call with the server's
 * wording, and only the fields of the entity's kind are kept.
 */
export function readEntities(value: unknown, text: string): Tg.MessageEntity[] {
  if (!Array.isArray(value)) return [];
  const entities: Tg.MessageEntity[] = [];
  for (const input of value) {
    const entity = withPrefix("can't parse MessageEntity", () => readEntity(input, text));
    if (entity) entities.push(entity);
  }
  return entities;
}

function readEntity(input: unknown, text: string): Tg.MessageEntity | undefined {
  if (!isJsonObject(input)) throw new JsonFieldError('expected an Object');
  const rawOffset = requiredInteger(input, 'offset');
  const rawLength = requiredInteger(input, 'length');
  const type = requiredString(input, 'type');
  if (type === '') throw new JsonFieldError('Type is not specified');
  // Telegram keeps entities inside the text: it clips them to it.
  const offset = Math.max(0, Math.min(rawOffset, text.length));
  const length = Math.max(0, Math.min(rawLength, text.length - offset));
  const base = { type, offset, length };
  if (detectedKinds.has(type)) return undefined;
  if (plainKinds.has(type)) return base;
  if (type === 'pre') {
    const language = optionalString(input, 'language');
    return language ? { ...base, language } : base;
  }
  if (type === 'text_link') return { ...base, url: requiredString(input, 'url') };
  if (type === 'custom_emoji')
    return { ...base, custom_emoji_id: String(requiredInteger(input, 'custom_emoji_id')) };
  if (type === 'text_mention') {
    const user = requiredObject(input, 'user');
    return { ...base, user: { ...user, id: requiredInteger(user, 'id') } as unknown as Tg.User };
  }
  throw new JsonFieldError('Unsupported type specified');
}
