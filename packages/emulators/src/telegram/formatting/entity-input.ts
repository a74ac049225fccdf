import { BotApiError } from '../errors.ts';
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

/** Refusals worded as the Bot API server words them, behind its "can't parse MessageEntity: " prefix. */
class EntityFieldError extends Error {}

/**
 * A bot's explicit `entities` (or `caption_entities`), read as the Bot API server reads them: a
 * value that is not an array is ignored, an unusable entity refuses the call with the server's
 * wording, and only the fields of the entity's kind are kept.
 */
export function readEntities(value: unknown, text: string): Tg.MessageEntity[] {
  if (!Array.isArray(value)) return [];
  const entities: Tg.MessageEntity[] = [];
  for (const input of value) {
    try {
      const entity = readEntity(input, text);
      if (entity) entities.push(entity);
    } catch (error) {
      if (error instanceof EntityFieldError)
        throw BotApiError.badRequest(`can't parse MessageEntity: ${error.message}`);
      throw error;
    }
  }
  return entities;
}

function readEntity(input: unknown, text: string): Tg.MessageEntity | undefined {
  if (!isObject(input)) throw new EntityFieldError('expected an Object');
  const rawOffset = requiredInteger(input, 'offset');
  const rawLength = requiredInteger(input, 'length');
  const type = requiredString(input, 'type');
  if (type === '') throw new EntityFieldError('Type is not specified');
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
    if (!('user' in input)) throw new EntityFieldError('Can\'t find field "user"');
    if (!isObject(input.user)) throw new EntityFieldError('Field "user" must be of type Object');
    const user = input.user as Record<string, unknown>;
    return { ...base, user: { ...user, id: requiredInteger(user, 'id') } as unknown as Tg.User };
  }
  throw new EntityFieldError('Unsupported type specified');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** TDLib's JSON reading: a number, or a string holding one. */
function requiredInteger(object: Record<string, unknown>, name: string): number {
  if (!(name in object)) throw new EntityFieldError(`Can't find field "${name}"`);
  const value = object[name];
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new EntityFieldError(`Field "${name}" must be a Number`);
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number))
    throw new EntityFieldError(`Field "${name}" must be a valid Number`);
  return number;
}

/** TDLib's JSON reading: a string, or a number taken as its text. */
function requiredString(object: Record<string, unknown>, name: string): string {
  if (!(name in object)) throw new EntityFieldError(`Can't find field "${name}"`);
  return optionalString(object, name) ?? '';
}

function optionalString(object: Record<string, unknown>, name: string): string | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new EntityFieldError(`Field "${name}" must be of type String`);
}
