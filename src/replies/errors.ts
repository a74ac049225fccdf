import { type InvalidChangeError, TandemError } from '../core/errors.ts';
import { shippedTranslator, type Translate } from '../texts/texts.ts';

/** What a player reads when something failed that is not theirs to fix. */
export const somethingWentWrong = 'Something went wrong on our side. Please try again in a minute.';

/**
 * Turns an error thrown by a service into the sentence a bot sends the player: the player message
 * the error carries (errors written for players carry their own message), or for bad input the
 * messages of its fields. Anything else is our fault and says so, without details (the bot logs
 * the error itself).
 */
export function errorReply(error: unknown, t: Translate = shippedTranslator('en')): string {
  const ourFault = t('common.somethingWentWrong');
  if (!(error instanceof TandemError)) return ourFault;
  switch (error.errorKind) {
    case 'invalid':
      return error.playerMessage ?? invalidInputReply(error);
    case 'refused':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'rate_limited':
      return error.playerMessage ?? ourFault;
    case 'upstream':
    case 'internal':
      return ourFault;
  }
}

/**
 * Whether the error is an expected refusal the player is told the reason for (a wrong code, too few
 * coins, already linked), as opposed to a failure of Tandem's. Refusals are logged without stacks.
 */
export function isRefusal(error: unknown): boolean {
  return errorReply(error) !== somethingWentWrong;
}

/** The field messages say what was wrong; the summary's "Invalid payout request:" prefix is for logs. */
function invalidInputReply(error: Pick<InvalidChangeError, 'message' | 'fields'>): string {
  const messages = Object.values(error.fields);
  if (messages.length === 0) return sentence(error.message);
  return messages.map(sentence).join(' ');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
