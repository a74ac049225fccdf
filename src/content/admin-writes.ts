import { z } from 'zod';
import { type Database, Prisma } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { InvalidChangeError } from '../sync/errors.ts';
import { type ContentKind, ContentNotFoundError, VersionConflictError } from './errors.ts';

/** What the admin services for content work with; a process's Services has all of it. */
export interface ContentDeps {
  db: Pick<Database, 'prisma'>;
  changes: ChangePublisher;
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

export function parseChange<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidChangeError.fromZod(parsed.error, what);
  return parsed.data;
}

/** The WHERE part of a conditional write: the version only when the admin sent one. */
export function versionFilter(expectedVersion: number | undefined): { version?: number } {
  return expectedVersion === undefined ? {} : { version: expectedVersion };
}

/** Why a conditional update or delete matched no row: the record is gone, or it moved on. */
export function staleWriteError(
  kind: ContentKind,
  id: number | string,
  expectedVersion: number | undefined,
  current: { version: number } | null,
): Error {
  if (!current) return new ContentNotFoundError(kind, id);
  return new VersionConflictError(kind, id, expectedVersion ?? current.version, current.version);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** An update that names no field would only bump the version: refused, so the admin knows. */
export function requireSomeChange(fields: Record<string, unknown>, what: string): void {
  if (Object.values(fields).every((value) => value === undefined)) {
    throw new InvalidChangeError(`Invalid ${what}: nothing to change. Send at least one field.`, {
      _: 'nothing to change: send at least one field',
    });
  }
}
