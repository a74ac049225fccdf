import { BotApiError } from './errors.ts';

/**
 * Fields of a JSON object read as the Bot API server reads them (TDLib's JsonObject): the refusals
 * carry its wording, e.g. `Can't find field "url"`, and callers put their own prefix in front
 * ("can't parse MessageEntity: ...").
 */
export class JsonFieldError extends Error {
  override name = 'JsonFieldError';
}

/** Runs a read, turning its field refusal into the call's: `Bad Request: <prefix>: <refusal>`. */
export function withPrefix<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof JsonFieldError) throw BotApiError.badRequest(`${prefix}: ${error.message}`);
    throw error;
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number, or a string holding one. */
export function requiredInteger(object: Record<string, unknown>, name: string): number {
  if (!(name in object)) throw new JsonFieldError(`Can't find field "${name}"`);
  const value = object[name];
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new JsonFieldError(`Field "${name}" must be a Number`);
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number))
    throw new JsonFieldError(`Field "${name}" must be a valid Number`);
  return number;
}

/** A string, or a number taken as its text. */
export function requiredString(object: Record<string, unknown>, name: string): string {
  if (!(name in object)) throw new JsonFieldError(`Can't find field "${name}"`);
  return optionalString(object, name) ?? '';
}

export function optionalString(object: Record<string, unknown>, name: string): string | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new JsonFieldError(`Field "${name}" must be of type String`);
}

/** A JSON boolean only: "true" as a string is refused. */
export function optionalBoolean(object: Record<string, unknown>, name: string): boolean | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new JsonFieldError(`Field "${name}" must be of type Boolean`);
  return value;
}

export function requiredObject(object: Record<string, unknown>, name: string): Record<string, unknown> {
  if (!(name in object)) throw new JsonFieldError(`Can't find field "${name}"`);
  const value = object[name];
  if (!isJsonObject(value)) throw new JsonFieldError(`Field "${name}" must be of type Object`);
  return value;
}
