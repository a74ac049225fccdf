import { clashedRequestReply, TandemError } from '../core/errors.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Errors of the payout flow. Messages are meant for the person who acted (a player asking, an admin
 * deciding); fields carry the details for the admin panel. Bad input is an InvalidChangeError
 * (src/core/errors.ts) and an overdraft an InsufficientBalanceError, like everywhere else.
 */

export class PayoutNotFoundError extends TandemError {
  override name = 'PayoutNotFoundError';
  constructor(readonly payoutId: string) {
    super('not_found', `No payout ${payoutId}`, { playerMessage: messageOf('error.payout.notFound') });
  }
}

/** Another decision got there first (or the same one, twice): only one decision per payout counts. */
export class PayoutAlreadyDecidedError extends TandemError {
  override name = 'PayoutAlreadyDecidedError';
  constructor(
    readonly payoutId: string,
    readonly status: 'approved' | 'declined',
    readonly decidedBy: string | null,
    readonly decidedAt: Date | null,
  ) {
    super(
      'conflict',
      `Payout already ${status}${decidedBy ? ` by ${decidedBy}` : ''}` +
        `${decidedAt ? ` at ${decidedAt.toISOString()}` : ''}`,
      { playerMessage: messageOf('error.payout.alreadyDecided', { status }) },
    );
  }
}

/** The admin decided on a payout that changed since they loaded it (their `expectedVersion`). */
export class PayoutVersionConflictError extends TandemError {
  override name = 'PayoutVersionConflictError';
  constructor(
    readonly payoutId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      'conflict',
      `Payout ${payoutId} changed since you loaded it (version ${expectedVersion}, now ${currentVersion}): ` +
        'reload it and decide again.',
      { playerMessage: messageOf('error.payout.changed') },
    );
  }
}

/** The same request id came back with a different amount: a client bug, never a double click. */
export class PayoutRequestConflictError extends TandemError {
  override name = 'PayoutRequestConflictError';
  constructor(
    readonly requestId: string,
    readonly existingPayoutId: string,
  ) {
    super('conflict', `Request ${requestId} already asked for a different payout (${existingPayoutId})`, {
      playerMessage: clashedRequestReply,
    });
  }
}
