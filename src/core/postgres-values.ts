import { z } from 'zod';

/**
 * Schemas for values that reach PostgreSQL, so input it cannot store or compare is refused at the
 * boundary with a message that names the problem, instead of failing inside a query (a 500 for the
 * caller and an ERROR in the server's log).
 */

const nulCharacter = '\u0000';

/** What a refused NUL is called in messages: admins see it next to the field. */
export const nulRefusal = 'must not contain NUL characters (\\u0000)';

/**
 * Text PostgreSQL can store: its `text` and `jsonb` types refuse the NUL character, so every field
 * that ends up in a column or a JSON document is built on this rather than on `z.string()`.
 */
export function storedText(message = 'must be text') {
  return z.string({ message }).refine((text) => !text.includes(nulCharacter), nulRefusal);
}

/**
 * Text from a platform (a Telegram first name, a Discord username): players do not choose what the
 * platform allows, so a NUL there is dropped rather than refused, and they can still use the bots.
 */
export function withoutNul(text: string): string {
  return text.includes(nulCharacter) ? text.replaceAll(nulCharacter, '') : text;
}

/** The largest value of PostgreSQL's `bigint` (ledger row ids). */
export const maxBigint = 9_223_372_036_854_775_807n;

/** A `bigint` id as decimal text (JSON and URLs carry it so): 1 up to 2^63 - 1. */
export function isBigintId(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) >= 1n && BigInt(text) <= maxBigint;
}

export const bigintIdText = z
  .string({ message: 'must be a row number' })
  .refine(isBigintId, `must be a row number from 1 to ${maxBigint}`);

/**
 * The dates Tandem accepts: four-digit years. PostgreSQL's timestamptz holds 4713 BC to 294276 AD
 * and JavaScript dates reach ±275760, but only this range has one ISO form that both sides read
 * the same way, and nothing in a community's economy happens outside it.
 */
export const earliestInstant = new Date('0001-01-01T00:00:00.000Z');
export const latestInstant = new Date('9999-12-31T23:59:59.999Z');
const instantRange = `must be a date between ${earliestInstant.toISOString().slice(0, 10)} and ${latestInstant.toISOString().slice(0, 10)}`;

/** A date or an ISO instant (`2026-11-22` or `2026-11-22T10:00:00Z`) within the stored range. */
export const storedInstant = z
  .string({ message: 'must be a date such as 2026-11-22' })
  .refine((text) => !Number.isNaN(Date.parse(text)), 'must be a date such as 2026-11-22')
  .transform((text) => new Date(text))
  .refine((date) => date >= earliestInstant && date <= latestInstant, instantRange);
