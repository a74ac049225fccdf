import { describe, expect, it } from 'vitest';
import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidChangeError,
  NegativeXpError,
  PlayerMergedError,
  PlayerNotFoundError,
  TandemError,
} from '../../core/errors.ts';
import { ContentNotFoundError, VersionConflictError } from '../../core/versioned-write.ts';
import { PayoutAlreadyDecidedError, PayoutNotFoundError } from '../../payouts/errors.ts';
import { SubmissionAlreadyDecidedError, TaskNotFoundError } from '../../tasks/errors.ts';
import { HttpError, toHttpError } from './http-error.ts';

const playerId = '7b0c6a4e-1f0e-4b8e-9a53-2b2f4c1d9e01';
const serverFault = {
  status: 500,
  body: { message: 'Something went wrong on the server; the details are in its log.' },
};

describe('toHttpError', () => {
  it('answers bad input with 400 and a message next to each field', () => {
    const error = new InvalidChangeError('Invalid adjustment: note: required', {
      note: 'required',
      _: 'whole',
    });
    expect(toHttpError(error)).toEqual({
      status: 400,
      body: { message: error.message, errors: { root: { serverError: error.message }, note: 'required' } },
    });
  });

  it("answers a rule's refusal with 400", () => {
    for (const error of [
      new InsufficientBalanceError(playerId, 500),
      new NegativeXpError(playerId),
      new PlayerMergedError(playerId, 'other'),
    ]) {
      expect(toHttpError(error)).toEqual({
        status: 400,
        body: { message: error.message, errors: { root: { serverError: error.message } } },
      });
    }
  });

  it('answers a missing record with 404 and no field messages', () => {
    for (const error of [
      new PlayerNotFoundError(playerId),
      new ContentNotFoundError('scenario', 4),
      new TaskNotFoundError(3),
      new PayoutNotFoundError('p1'),
    ]) {
      expect(toHttpError(error)).toEqual({ status: 404, body: { message: error.message } });
    }
  });

  it('answers a stale version or a decision already taken with 409', () => {
    for (const error of [
      new VersionConflictError('rank', 2, 1, 3),
      new PayoutAlreadyDecidedError('p1', 'approved', 'ops', null),
      new SubmissionAlreadyDecidedError('s1', 'rejected', null, null),
      new IdempotencyConflictError('tg-daily-1'),
    ]) {
      expect(toHttpError(error)).toEqual({
        status: 409,
        body: { message: error.message, errors: { root: { serverError: error.message } } },
      });
    }
  });

  it("keeps the HTTP layer's own status", () => {
    expect(toHttpError(new HttpError(415, 'Send JSON.'))).toEqual({
      status: 415,
      body: { message: 'Send JSON.', errors: { root: { serverError: 'Send JSON.' } } },
    });
  });

  it('answers an error by its kind, whatever its class is called', () => {
    class ShelfGoneError extends TandemError {
      override name = 'SomethingNobodyListed';
      constructor() {
        super('not_found', 'This shelf is gone.');
      }
    }
    class ShelfTakenError extends TandemError {
      constructor() {
        super('conflict', 'Someone took this shelf.');
      }
    }
    expect(toHttpError(new ShelfGoneError())).toEqual({
      status: 404,
      body: { message: 'This shelf is gone.' },
    });
    expect(toHttpError(new ShelfTakenError()).status).toBe(409);
  });

  it('keeps the details of anything else in the log', () => {
    expect(toHttpError(new Error('connection refused'))).toEqual(serverFault);
    expect(toHttpError(new TandemError('internal', 'MIGRATION_DIR is empty'))).toEqual(serverFault);
    expect(toHttpError(new TandemError('upstream', 'discord refused: Missing Permissions'))).toEqual(
      serverFault,
    );
  });
});
