import { z } from 'zod';
import { TandemError } from '../core/errors.ts';

/** One player's totals as a file states them, whatever the format. */
export interface ImportRow {
  /** Where the row stands in the file: "line 3" (CSV) or "entry 2" (JSON). */
  where: string;
  discordId?: string;
  telegramId?: string;
  username?: string;
  xp: number;
  coins: number;
}

export const importFormats = ['mee6', 'csv', 'tandem'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** A file refused as a whole: nothing of it is written. */
export class InvalidImportFileError extends TandemError {
  override name = 'InvalidImportFileError';
  constructor(message: string) {
    super('invalid', message);
  }
}

export const platformUserId = z.string().regex(/^\d{1,32}$/, 'must be a numeric user id');
/** Far above any community's totals, well inside the columns' 32-bit range. */
export const maxImportedAmount = 1_000_000_000;

export const amount = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .max(maxImportedAmount, `at most ${maxImportedAmount}`);

/** The first issue of a failed row, said with its place in the file. */
export function rowError(where: string, error: z.ZodError): InvalidImportFileError {
  const issue = error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return new InvalidImportFileError(`${where}: ${field}${issue?.message ?? 'invalid'}`);
}
