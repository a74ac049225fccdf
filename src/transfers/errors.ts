import { clashedRequestReply, TandemError } from '../core/errors.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Why a transfer between players was refused. Each names the rule in English for the log and the
 * panel, and carries what the player who typed /pay reads, in their language. Nothing was written.
 */

export class TransferToSelfError extends TandemError {
  override name = 'TransferToSelfError';
  constructor(readonly playerId: string) {
    super('refused', 'A player cannot pay themselves', { playerMessage: messageOf('error.transfer.self') });
  }
}

/** The admin set the daily limit to 0. */
export class TransfersOffError extends TandemError {
  override name = 'TransfersOffError';
  constructor() {
    super('refused', 'Transfers between players are turned off (the daily limit is 0)', {
      playerMessage: messageOf('error.transfer.off'),
    });
  }
}

export class TransferDailyLimitError extends TandemError {
  override name = 'TransferDailyLimitError';
  constructor(
    readonly limit: number,
    /** What the sender may still send today (UTC). */
    readonly left: number,
  ) {
    super('refused', `Above the daily transfer limit of ${limit} coins: ${left} left today (UTC)`, {
      playerMessage: messageOf('error.transfer.dailyLimit', { limit, max: left }),
    });
  }
}

export class SenderTooNewError extends TandemError {
  override name = 'SenderTooNewError';
  constructor(readonly minAccountAgeDays: number) {
    super('refused', `Accounts younger than ${minAccountAgeDays} days cannot send coins`, {
      playerMessage: messageOf('error.transfer.tooNew', { days: minAccountAgeDays }),
    });
  }
}

export class RecipientNotFoundError extends TandemError {
  override name = 'RecipientNotFoundError';
  constructor(readonly playerId: string) {
    super('not_found', `No player ${playerId} to pay`, {
      playerMessage: messageOf('error.transfer.recipientNotFound'),
    });
  }
}

/** The recipient's account was merged into another by linking: the sender picks the player again. */
export class RecipientMergedError extends TandemError {
  override name = 'RecipientMergedError';
  constructor(
    readonly playerId: string,
    readonly mergedIntoId: string,
  ) {
    super('refused', `Player ${playerId} was merged into ${mergedIntoId}: pay that account`, {
      playerMessage: messageOf('error.transfer.recipientMerged'),
    });
  }
}

/** The same request id came back for a different recipient or amount: a client bug, never a double tap. */
export class TransferRequestConflictError extends TandemError {
  override name = 'TransferRequestConflictError';
  constructor(
    readonly requestId: string,
    readonly existingTransferId: string,
  ) {
    super('conflict', `Request ${requestId} already made a different transfer (${existingTransferId})`, {
      playerMessage: clashedRequestReply,
    });
  }
}
