import { z } from 'zod';
import { isBigintId } from '../../core/postgres-values.ts';

/**
 * A keyset cursor: the sort value and the id of the row a page starts after (or ends before). It
 * travels as opaque base64url JSON `{"f":field,"v":value,"i":id}`; the field it was made for is
 * kept so a cursor from another sort is refused rather than silently opening the wrong rows.
 */

/** How a sort column's value is carried in a cursor and read back for the database. */
export type KeyKind = 'instant' | 'int' | 'bigint' | 'uuid' | 'text';

export interface Cursor {
  direction: 'after' | 'before';
  field: string;
  /** The sort column's value, typed for Prisma (Date, number, bigint or string). */
  value: unknown;
  id: unknown;
}

const uuid = z.uuid();

/** A value as JSON can carry it: dates as ISO text, 64-bit ids as decimal text. */
function keyText(kind: KeyKind, value: unknown): string | number {
  if (kind === 'instant') return (value as Date).toISOString();
  if (kind === 'bigint') return String(value);
  return value as string | number;
}

/** The typed value of a key read from a cursor, or undefined when it cannot be one of `kind`. */
function keyValue(kind: KeyKind, raw: unknown): unknown {
  switch (kind) {
    case 'instant': {
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) return undefined;
      return new Date(raw);
    }
    case 'int':
      return Number.isSafeInteger(raw) ? raw : undefined;
    case 'bigint':
      return typeof raw === 'string' && isBigintId(raw) ? BigInt(raw) : undefined;
    case 'uuid':
      return uuid.safeParse(raw).success ? raw : undefined;
    case 'text':
      return typeof raw === 'string' && raw.length <= 1000 ? raw : undefined;
  }
}

export function encodeCursor(
  field: string,
  kinds: { value: KeyKind; id: KeyKind },
  value: unknown,
  id: unknown,
) {
  const json = JSON.stringify({ f: field, v: keyText(kinds.value, value), i: keyText(kinds.id, id) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** What was wrong with a cursor, in words for the 400; null when it reads. */
export type CursorReading =
  | { ok: true; field: string; value: unknown; id: unknown }
  | { ok: false; reason: string };

export function decodeCursor(
  text: string,
  kindOf: (field: string) => { value: KeyKind; id: KeyKind } | undefined,
): CursorReading {
  const malformed = {
    ok: false,
    reason: 'is not a cursor of this list: use the one a page answered with, or page from the start',
  } as const;
  if (text.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(text)) return malformed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return malformed;
  }
  if (typeof parsed !== 'object' || parsed === null) return malformed;
  const { f, v, i } = parsed as { f?: unknown; v?: unknown; i?: unknown };
  if (typeof f !== 'string') return malformed;
  const kinds = kindOf(f);
  if (!kinds) return malformed;
  const value = keyValue(kinds.value, v);
  const id = keyValue(kinds.id, i);
  if (value === undefined || id === undefined) return malformed;
  return { ok: true, field: f, value, id };
}
