import { ContentNotFoundError, isContentError } from '../content/errors.ts';
import { countOf } from '../core/text-format.ts';
import { isLinkingError } from '../linking/errors.ts';
import {
  PayoutAlreadyDecidedError,
  PayoutNotFoundError,
  PayoutRequestConflictError,
  PayoutVersionConflictError,
} from '../payouts/errors.ts';
import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidChangeError,
  NegativeXpError,
  PlayerMergedError,
  PlayerNotFoundError,
} from '../sync/errors.ts';
import { isTaskError } from '../tasks/errors.ts';

/** What a player reads when something failed that is not theirs to fix. */
export const somethingWentWrong = 'Something went wrong on our side. Please try again in a minute.';

/**
 * Turns an error thrown by a service into the sentence a bot sends the player. Errors written for
 * players (linking, tasks, content) are shown as is; the others get a sentence of their own, since
 * their messages name ids or internals. Anything unknown is our fault and says so, without details
 * (the bot logs the error itself).
 */
export function errorReply(error: unknown): string {
  if (isLinkingError(error) || isTaskError(error)) return error.message;
  if (error instanceof ContentNotFoundError) return `That ${error.kind} is no longer available.`;
  if (isContentError(error)) return error.message;
  if (error instanceof InvalidChangeError) return invalidInputReply(error);
  if (error instanceof InsufficientBalanceError) return insufficientBalanceReply(error);
  if (error instanceof NegativeXpError) return 'That would take your XP below zero, so nothing was changed.';
  if (error instanceof PlayerMergedError) {
    return 'Your account was just linked with another one. Please send that again.';
  }
  if (error instanceof PlayerNotFoundError) {
    return "We couldn't find your account. Send any message to set it up, then try again.";
  }
  if (error instanceof PayoutNotFoundError) return 'That payout could not be found.';
  if (error instanceof PayoutAlreadyDecidedError) return `That payout was already ${error.status}.`;
  if (error instanceof PayoutVersionConflictError) {
    return 'That payout changed in the meantime. Please look at it again and retry.';
  }
  if (error instanceof PayoutRequestConflictError || error instanceof IdempotencyConflictError) {
    return 'That request clashed with an earlier one, so nothing was changed. Please send it again.';
  }
  return somethingWentWrong;
}

/**
 * Whether the error is an expected refusal the player is told the reason for (a wrong code, too few
 * coins, already linked), as opposed to a failure of Tandem's. Refusals are logged without stacks.
 */
export function isRefusal(error: unknown): boolean {
  return errorReply(error) !== somethingWentWrong;
}

/** The field messages say what was wrong; the summary's "Invalid payout request:" prefix is for logs. */
function invalidInputReply(error: InvalidChangeError): string {
  const messages = Object.values(error.fields);
  if (messages.length === 0) return sentence(error.message);
  return messages.map(sentence).join(' ');
}

function insufficientBalanceReply(error: InsufficientBalanceError): string {
  // Services that know the balance write a better message than the engine's generic one.
  const generic = new InsufficientBalanceError(error.playerId, error.requested).message;
  if (error.message !== generic) return error.message;
  return `You don't have enough coins for that (${countOf(error.requested, 'coin')} needed).`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
