import { z } from 'zod';
import { storedInstant, storedText } from '../../core/postgres-values.ts';
import { maxPageSize } from './list-query.ts';

/**
 * Building blocks of the per-resource filter whitelists. react-admin sends filter values as its
 * inputs produce them (text, numbers, booleans, arrays for getMany), so these accept the forms a
 * form control sends and turn each into one type.
 */

/**
 * The filters one resource allows. Unknown keys are refused with the list of allowed ones: a typo
 * in a filter must not silently return everything.
 */
export function filterSchema<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `cannot filter by ${issue.keys.join(', ')}; filters: ${allowed}`
        : undefined,
  });
}

/** One value or a list of them (getMany sends `{"id": [...]}`), always read as a list. */
export function oneOrMany<S extends z.ZodType>(schema: S) {
  return z
    .union([schema, z.array(schema).max(maxPageSize, `at most ${maxPageSize} values`)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<S>[])
    .optional();
}

export const uuidValue = z.uuid('must be an id (uuid)');

/** Numeric ids arrive as numbers, or as text from a URL. */
export const intValue = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(-2_147_483_648, 'must be at least -2147483648')
  .max(2_147_483_647, 'must be at most 2147483647');

/** true/false, also as the text a URL carries. */
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')], {
    message: 'must be true or false',
  })
  .optional();

/** A date or an ISO instant (`2026-11-22` or `2026-11-22T10:00:00Z`), within what PostgreSQL stores. */
export const instant = storedInstant.optional();

/** Free text searched in a few columns (react-admin's `q`). */
export const searchText = storedText().trim().max(100, 'at most 100 characters').optional();

/** The Prisma `in` condition of a list filter, or nothing when the filter was not given. */
export function inList<T>(values: T[] | undefined): { in: T[] } | undefined {
  return values === undefined ? undefined : { in: values };
}

/** The Prisma range condition of `<field>_gte` / `<field>_lte` filters. */
export function between<T>(gte: T | undefined, lte: T | undefined): { gte?: T; lte?: T } | undefined {
  if (gte === undefined && lte === undefined) return undefined;
  return { ...(gte === undefined ? {} : { gte }), ...(lte === undefined ? {} : { lte }) };
}

/** Case-insensitive substring match for `q`. */
export function containing(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: text, mode: 'insensitive' };
}
