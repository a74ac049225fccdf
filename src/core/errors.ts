import type { z } from 'zod';
import type { Message } from './message.ts';

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
  /**
   * What a bot tells the player, as a text of the locale files (src/texts/locales/<language>/errors.json)
   * written in the reader's language; without one the player gets a generic apology.
   */
  playerMessage?: Message;
  /** Field path -> message, for forms that show errors next to the field (`_` for the whole input). */
  fields?: Record<string, string>;
  /**
   * Field path -> what a player who typed that field reads, for input typed in a bot (an amount, a
   * code, a proof); `fields` stay the English sentences for logs and the panel.
   */
  playerFields?: Record<string, Message>;
  cause?: unknown;
}

/**
 * The base of Tandem's named errors. `errorKind` says how it is answered; the message is English,
 * for the log and the admin panel, `playerMessage` (when set) a text for players, written in their
 * language when a bot answers. (Not named `kind`: the versioned writes' errors already use `kind`
 * for the kind of record they are about.)
 */
export class TandemError extends Error {
  override name = 'TandemError';
  readonly playerMessage: Message | undefined;
  readonly fields: Readonly<Record<string, string>>;
  readonly playerFields: Readonly<Record<string, Message>>;

  constructor(
    readonly errorKind: ErrorKind,
    message: string,
    { playerMessage, fields = {}, playerFields = {}, ...errorOptions }: TandemErrorOptions = {},
  ) {
    super(message, 'cause' in errorOptions ? errorOptions : undefined);
    this.playerMessage = playerMessage;
    this.fields = fields;
    this.playerFields = playerFields;
  }
}

/**
 * The texts a player reads for a schema's own messages (English sentence -> text), for input typed
 * in a bot: `{ [tooSmall]: { key: 'error.payout.tooSmall', params: { coins: 100 } } }`.
 */
export type PlayerTexts = Readonly<Record<string, Message>>;

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
    /** Field path -> what a player reads (see TandemErrorOptions.playerFields). */
    playerFields: Record<string, Message> = {},
  ) {
    super('invalid', message, { fields, playerFields });
  }

  /**
   * The issues of a failed parse, per field. `playerTexts` names the texts a player reads for the
   * schema's messages that can reach one (input typed in a bot).
   */
  static fromZod(error: z.ZodError, what = 'change', playerTexts: PlayerTexts = {}): InvalidChangeError {
    const fields: Record<string, string> = {};
    const playerFields: Record<string, Message> = {};
    for (const issue of error.issues) {
      const path = issue.path.join('.') || '_';
      if (path in fields) continue;
      fields[path] = issue.message;
      const text = playerTexts[issue.message];
      if (text) playerFields[path] = text;
    }
    const summary = Object.entries(fields)
      .map(([path, message]) => (path === '_' ? message : `${path}: ${message}`))
      .join('; ');
    return new InvalidChangeError(`Invalid ${what}: ${summary}`, fields, playerFields);
  }
}

export class PlayerNotFoundError extends TandemError {
  override name = 'PlayerNotFoundError';
  constructor(readonly playerId: string) {
    super('not_found', `No player ${playerId}`, { playerMessage: { key: 'error.playerNotFound' } });
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
      playerMessage: { key: 'error.playerMerged' },
    });
  }
}

export class InsufficientBalanceError extends TandemError {
  override name = 'InsufficientBalanceError';
  constructor(
    readonly playerId: string,
    readonly requested: number,
    /** What the log and the player are told, when the caller knows better (e.g. the balance they have). */
    told?: { message: string; playerMessage: Message },
  ) {
    super('refused', told?.message ?? `Not enough coins for ${requested}: the balance cannot go below zero`, {
      // The engine's generic message names no balance; services that know it write a better one.
      playerMessage: told?.playerMessage ?? {
        key: 'error.insufficientBalance',
        params: { coins: requested },
      },
    });
  }
}

export class NegativeXpError extends TandemError {
  override name = 'NegativeXpError';
  constructor(readonly playerId: string) {
    super('refused', 'XP cannot go below zero', { playerMessage: { key: 'error.negativeXp' } });
  }
}

/** What a player is told when a request collides with an earlier one that used its key. */
export const clashedRequestReply: Message = { key: 'error.clashedRequest' };

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
