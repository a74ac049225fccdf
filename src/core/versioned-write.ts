import { z } from 'zod';
import { InvalidChangeError, TandemError } from './errors.ts';

/**
 * Writes of admin-edited records (players, ranks, achievements, menu buttons, scenarios, tasks,
 * settings, admins) are versioned: the admin sends the version they opened, the write is a
 * conditional UPDATE on it, and a write that matched no row says why (gone, or changed by someone
 * else). Messages are written for the admin and shown as is by the panel; a bot tells a player the
 * error's player message, in their language.
 */

/** What an admin edits, as the messages name it. */
export type RecordKind =
  | 'menu button'
  | 'scenario'
  | 'task'
  | 'task submission'
  | 'player'
  | 'rank'
  | 'achievement'
  | 'setting'
  | 'text'
  | 'admin'
  | 'season'
  | 'boost'
  | 'shop item'
  | 'purchase';

/** The admin saved over a version someone else changed since they opened it; nothing was written. */
export class VersionConflictError extends TandemError {
  override name = 'VersionConflictError';
  constructor(
    readonly kind: RecordKind,
    readonly id: number | string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    const message =
      `This ${kind} was changed by someone else since you opened it (version ${currentVersion} is current). ` +
      'Reload and apply your change again.';
    super('conflict', message, {
      playerMessage: { key: 'error.versionConflict', params: { record: kind, version: currentVersion } },
    });
  }
}

/** The record was deleted (or never existed); the name is kept from the content it first served. */
export class ContentNotFoundError extends TandemError {
  override name = 'ContentNotFoundError';
  constructor(
    readonly kind: RecordKind,
    readonly id: number | string,
  ) {
    super(
      'not_found',
      `This ${kind} (${id}) does not exist anymore: someone may have deleted it. Reload the list.`,
      { playerMessage: { key: 'error.contentNotFound', params: { record: kind } } },
    );
  }
}

export const idSchema = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be a positive id');

/**
 * The version the admin saw when they opened the record. Omitted, the write applies whatever the
 * version (seeds, scripts); given, a record changed since is refused with VersionConflictError.
 */
export const expectedVersionSchema = z
  .number({ message: 'must be the version number you opened' })
  .int('must be a whole number')
  .positive('must be a positive version number')
  .optional();

export const rewardSchema = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .max(1_000_000, 'at most 1000000');

/** The WHERE part of a conditional write: the version only when the admin sent one. */
/** What deleting a versioned record takes: its id and the version the admin saw. */
export const versionedDeleteSchema = z.object({ id: idSchema, expectedVersion: expectedVersionSchema });

/** What updating a versioned record takes: its id, the version the admin saw, and any of `fields`. */
export function versionedUpdateSchema<Fields extends z.ZodRawShape>(fields: Fields) {
  return z.object({
    id: idSchema,
    expectedVersion: expectedVersionSchema,
    ...z.object(fields).partial().shape,
  });
}

export function versionFilter(expectedVersion: number | undefined): { version?: number } {
  return expectedVersion === undefined ? {} : { version: expectedVersion };
}

/** Why a conditional update or delete matched no row: the record is gone, or it moved on. */
export function staleWriteError(
  kind: RecordKind,
  id: number | string,
  expectedVersion: number | undefined,
  current: { version: number } | null,
): Error {
  if (!current) return new ContentNotFoundError(kind, id);
  return new VersionConflictError(kind, id, expectedVersion ?? current.version, current.version);
}

/** An update that names no field would only bump the version: refused, so the admin knows. */
export function requireSomeChange(fields: Record<string, unknown>, what: string): void {
  if (Object.values(fields).every((value) => value === undefined)) {
    throw new InvalidChangeError(`Invalid ${what}: nothing to change. Send at least one field.`, {
      _: 'nothing to change: send at least one field',
    });
  }
}
