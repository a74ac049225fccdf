import type { z } from 'zod';

/**
 * What went wrong, as the places that answer people tell errors apart: the admin API picks its
 * HTTP status from it (src/admin-api/http/http-error.ts), the bots their reply
 * (src/replies/errors.ts). A new error needs no entry in either: its kind says how it is answered.
 */
export type ErrorKind =
  /** What was sent cannot be accepted as is: a malformed or out-of-range value. Nothing was written. */
  | 'invalid'
  /** Well-formed, but the rules refuse it: too few coins, XP below zero, a code that cannot be used. */
  | 'refused'
  /** The caller may not do this: not signed in, or without the role it needs. */
  | 'forbidden'
  /** The record asked for does not exist (anymore). */
  | 'not_found'
  /** The request collides with the current state: a stale version, a decision already taken. */
  | 'conflict'
  /** Too many tries: the caller has to wait before the next one. */
  | 'rate_limited'
  /** A chat platform refused a call of Tandem's or did not carry it out; the caller is not at fault. */
  | 'upstream'
  /** A fault of Tandem's own: its configuration, its code or its data. */
  | 'internal';

export interface TandemErrorOptions {
  /** The sentence a bot sends the player; without one the player gets a generic apology. */
  playerMessage?: string;
  /** Field path -> message, for forms that show errors next to the field (`_` for the whole input). */
  fields?: Record<string, string>;
  cause?: unknown;
}

/**
 * The base of Tandem's named errors. `errorKind` says how it is answered; the message is for the
 * log and the admin panel, `playerMessage` (when set) for players. (Not named `kind`: the versioned
 * writes' errors already use `kind` for the kind of record they are about.)
 */
export class TandemError extends Error {
  override name = 'TandemError';
  readonly playerMessage: string | undefined;
  readonly fields: Readonly<Record<string, string>>;

  constructor(
    readonly errorKind: ErrorKind,
    message: string,
    { playerMessage, fields = {}, ...errorOptions }: TandemErrorOptions = {},
  ) {
    super(message, 'cause' in errorOptions ? errorOptions : undefined);
    this.playerMessage = playerMessage;
    this.fields = fields;
  }
}

export function isTandemError(error: unknown): error is TandemError {
  return error instanceof TandemError;
}

/** A caller sent something the engine will not record; nothing was written. */
export class InvalidChangeError extends TandemError {
  override name = 'InvalidChangeError';
  constructor(
    message: string,
    /** Field path -> message, for forms that show errors next to the field. */
    fields: Record<string, string> = {},
  ) {
    super('invalid', message, { fields });
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

export class PlayerNotFoundError extends TandemError {
  override name = 'PlayerNotFoundError';
  constructor(readonly playerId: string) {
    super('not_found', `No player ${playerId}`, {
      playerMessage: "We couldn't find your account. Send any message to set it up, then try again.",
    });
  }
}

/** The player's account was merged into another by linking; changes go to that one. */
export class PlayerMergedError extends TandemError {
  override name = 'PlayerMergedError';
  constructor(
    readonly playerId: string,
    readonly mergedIntoId: string,
  ) {
    super('refused', `Player ${playerId} was merged into ${mergedIntoId}`, {
      playerMessage: 'Your account was just linked with another one. Please send that again.',
    });
  }
}

export class InsufficientBalanceError extends TandemError {
  override name = 'InsufficientBalanceError';
  constructor(
    readonly playerId: string,
    readonly requested: number,
    /** What the player is told, when the caller knows better (e.g. the balance they have). */
    message?: string,
  ) {
    super('refused', message ?? `Not enough coins for ${requested}: the balance cannot go below zero`, {
      // The engine's generic message names no balance; services that know it write a better one.
      playerMessage:
        message ??
        `You don't have enough coins for that (${requested.toLocaleString('en-US')} ${requested === 1 ? 'coin' : 'coins'} needed).`,
    });
  }
}

export class NegativeXpError extends TandemError {
  override name = 'NegativeXpError';
  constructor(readonly playerId: string) {
    super('refused', 'XP cannot go below zero', {
      playerMessage: 'That would take your XP below zero, so nothing was changed.',
    });
  }
}

/** What a player is told when a request collides with an earlier one that used its key. */
export const clashedRequestReply =
  'That request clashed with an earlier one, so nothing was changed. Please send it again.';

/** The same idempotency key arrived with a different change: a bug in the caller, never a duplicate. */
export class IdempotencyConflictError extends TandemError {
  override name = 'IdempotencyConflictError';
  constructor(readonly key: string) {
    super('conflict', `Idempotency key ${key} was already used for a different change`, {
      playerMessage: clashedRequestReply,
    });
  }
}

export function isInvalidChange(error: unknown): error is InvalidChangeError {
  return error instanceof InvalidChangeError;
}
