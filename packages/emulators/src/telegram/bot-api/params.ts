import { BotApiError } from '../errors.ts';
import type { ApiRequestInput, UploadedFile } from './read-request.ts';

/**
 * A Bot API call's parameters, read with Telegram's leniency (numbers and booleans may arrive as
 * strings, objects as JSON strings) and refused with Telegram's wording when unusable.
 */
export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly files: Map<string, UploadedFile> = new Map(),
  ) {}

  static from(input: ApiRequestInput): Params {
    return new Params(input.values, input.files);
  }

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw BotApiError.badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'string' ? Number(value.trim()) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      throw BotApiError.badRequest(`field "${name}" must be of type Integer`);
    }
    return number;
  }

  /**
   * A bounded setting (`limit`, `timeout`, `max_connections`) read as the Bot API server reads one:
   * absent or empty gives `fallback`, text counts only up to its first non-digit (so "abc" is 0),
   * and a value out of range is clamped, never refused.
   */
  clampedInt(name: string, { fallback, min, max }: { fallback: number; min: number; max: number }): number {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return fallback;
    const text = typeof value === 'number' ? String(Math.trunc(value)) : String(value);
    const digits = /^-?\d*/.exec(text)?.[0] ?? '';
    const number = Number(digits.replace(/^-?$/, '0'));
    return Math.min(max, Math.max(min, Number.isFinite(number) ? number : 0));
  }

  bool(name: string): boolean | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1' || value === 1) return true;
    if (value === 'false' || value === '0' || value === 0) return false;
    throw BotApiError.badRequest(`field "${name}" must be of type Boolean`);
  }

  /** An object or array, given as JSON or (urlencoded, multipart) as a JSON string. */
  json(name: string, unreadable = `can't parse ${name} JSON object`): unknown {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw BotApiError.badRequest(unreadable);
    }
  }

  /**
   * `entities` / `caption_entities`: the Bot API server ignores a value it cannot read as JSON rather
   * than refusing the call, so this answers undefined where `json` would refuse.
   */
  entities(name: string): unknown {
    try {
      return this.json(name);
    } catch {
      return undefined;
    }
  }

  /** `chat_id`: an integer id or an @username. */
  chatId(name = 'chat_id'): number | string {
    const value = this.values[name];
    if (value === undefined || value === null || value === '')
      throw BotApiError.badRequest(`${name} is empty`);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
      if (trimmed.startsWith('@')) return trimmed;
    }
    throw BotApiError.badRequest('chat not found');
  }

  /** A file parameter: an uploaded part (directly or via `attach://<field>`), or a file_id / URL string. */
  file(name: string): UploadedFile | string | undefined {
    const upload = this.files.get(name);
    if (upload) return upload;
    const value = this.string(name);
    if (value === undefined || value === '') return undefined;
    return this.attachment(value, `can't find attached file "${value}"`);
  }

  /** A file named inside a JSON parameter (InputMedia's `media`): `attach://<field>`, or a file_id / URL. */
  attachment(value: string, missing: string): UploadedFile | string {
    if (!value.startsWith('attach://')) return value;
    const attached = this.files.get(value.slice('attach://'.length));
    if (!attached) throw BotApiError.badRequest(missing);
    return attached;
  }
}
