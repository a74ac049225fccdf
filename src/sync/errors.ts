import type { z } from 'zod';

/** A caller sent something the engine will not record; nothing was written. */
export class InvalidChangeError extends Error {
  override name = 'InvalidChangeError';
  constructor(
    message: string,
    /** Field path -> message, for forms that show errors next to the field. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  static fromZod(error: z.ZodError, what = 'change'): InvalidChangeError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
    const summary = Object.entries(fields)
      .map(([path, message]) => (path === '_' ? message : `${path}: ${message}`))
      .join('; ');
    return new InvalidChangeError(`Invalid ${what}: ${summary}`, fields);
  }
}

export class PlayerNotFoundError extends Error {
  override name = 'PlayerNotFoundError';
  constructor(readonly playerId: string) {
    super(`No player ${playerId}`);
  }
}

/** The player's account was merged into another by linking; changes go to that one. */
export class PlayerMergedError extends Error {
  override name = 'PlayerMergedError';
  constructor(
    readonly playerId: string,
    readonly mergedIntoId: string,
  ) {
    super(`Player ${playerId} was merged into ${mergedIntoId}`);
  }
}

export class InsufficientBalanceError extends Error {
  override name = 'InsufficientBalanceError';
  constructor(
    readonly playerId: string,
    readonly requested: number,
    /** What the player is told, when the caller knows better (e.g. the balance they have). */
    message = `Not enough coins for ${requested}: the balance cannot go below zero`,
  ) {
    super(message);
  }
}

export class NegativeXpError extends Error {
  override name = 'NegativeXpError';
  constructor(readonly playerId: string) {
    super('XP cannot go below zero');
  }
}

/** The same idempotency key arrived with a different change: a bug in the caller, never a duplicate. */
export class IdempotencyConflictError extends Error {
  override name = 'IdempotencyConflictError';
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used for a different change`);
  }
}

export function isInvalidChange(error: unknown): error is InvalidChangeError {
  return error instanceof InvalidChangeError;
}
