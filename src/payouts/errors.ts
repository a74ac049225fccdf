/**
 * Errors of the payout flow. Messages are meant for the person who acted (a player asking, an admin
 * deciding); fields carry the details for the admin panel. Bad input is an InvalidChangeError
 * (src/sync/errors.ts) and an overdraft an InsufficientBalanceError, like everywhere else.
 */

export class PayoutNotFoundError extends Error {
  override name = 'PayoutNotFoundError';
  constructor(readonly payoutId: string) {
    super(`No payout ${payoutId}`);
  }
}

/** Another decision got there first (or the same one, twice): only one decision per payout counts. */
export class PayoutAlreadyDecidedError extends Error {
  override name = 'PayoutAlreadyDecidedError';
  constructor(
    readonly payoutId: string,
    readonly status: 'approved' | 'declined',
    readonly decidedBy: string | null,
    readonly decidedAt: Date | null,
  ) {
    super(
      `Payout already ${status}${decidedBy ? ` by ${decidedBy}` : ''}` +
        `${decidedAt ? ` at ${decidedAt.toISOString()}` : ''}`,
    );
  }
}

/** The admin decided on a payout that changed since they loaded it (their `expectedVersion`). */
export class PayoutVersionConflictError extends Error {
  override name = 'PayoutVersionConflictError';
  constructor(
    readonly payoutId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `Payout ${payoutId} changed since you loaded it (version ${expectedVersion}, now ${currentVersion}): ` +
        'reload it and decide again.',
    );
  }
}

/** The same request id came back with a different amount: a client bug, never a double click. */
export class PayoutRequestConflictError extends Error {
  override name = 'PayoutRequestConflictError';
  constructor(
    readonly requestId: string,
    readonly existingPayoutId: string,
  ) {
    super(`Request ${requestId} already asked for a different payout (${existingPayoutId})`);
  }
}

export type PayoutError =
  | PayoutNotFoundError
  | PayoutAlreadyDecidedError
  | PayoutVersionConflictError
  | PayoutRequestConflictError;

export function isPayoutError(error: unknown): error is PayoutError {
  return (
    error instanceof PayoutNotFoundError ||
    error instanceof PayoutAlreadyDecidedError ||
    error instanceof PayoutVersionConflictError ||
    error instanceof PayoutRequestConflictError
  );
}
