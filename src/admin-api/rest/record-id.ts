import { z } from 'zod';
import { isBigintId, maxBigint } from '../../core/postgres-values.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * Ids in a URL path. One that cannot be an id of the resource names no record: 404, like a
 * well-formed id that matches nothing.
 */

export function uuidParam(value: unknown, what: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw new HttpError(404, `There is no ${what} ${String(value)}.`);
  return parsed.data;
}

export function intParam(value: unknown, what: string): number {
  const parsed = z.coerce.number().int().positive().max(2_147_483_647).safeParse(value);
  if (!parsed.success || !/^\d+$/.test(String(value)))
    throw new HttpError(404, `There is no ${what} ${String(value)}.`);
  return parsed.data;
}

/** Ledger ids are 64-bit: kept as a decimal string end to end; past PostgreSQL's bigint names no row. */
export function bigintParam(value: unknown, what: string): bigint {
  const text = String(value);
  if (!isBigintId(text))
    throw new HttpError(404, `There is no ${what} ${text}: ${what}s are numbered 1 to ${maxBigint}.`);
  return BigInt(text);
}

export function notFound(what: string, id: string | number): HttpError {
  return new HttpError(404, `There is no ${what} ${id}: it may have been deleted. Reload the list.`);
}
