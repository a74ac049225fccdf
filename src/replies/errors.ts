import { TandemError } from '../core/errors.ts';
import { isTextKey } from '../texts/default-texts.ts';
import { shippedTranslator, type Translate } from '../texts/texts.ts';
import { textOf } from './reply-format.ts';

/** What a player reads in English when something failed that is not theirs to fix (tests and logs compare with it). */
export const somethingWentWrong = shippedTranslator('en')('common.somethingWentWrong');

/**
 * Turns an error thrown by a service into the sentence a bot sends the player, in their language:
 * the player message the error carries (errors written for players carry their own), or for bad
 * input the texts of its fields. Anything else is our fault and says so, without details (the bot
 * logs the error itself). Without `t`, the English a log records.
 */
export function errorReply(error: unknown, t: Translate = shippedTranslator('en')): string {
  const ourFault = t('common.somethingWentWrong');
  if (!(error instanceof TandemError)) return ourFault;
  switch (error.errorKind) {
    case 'invalid':
      return (error.playerMessage && textOf(t, error.playerMessage)) ?? invalidInputReply(error, t);
    case 'refused':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'rate_limited':
      return (error.playerMessage && textOf(t, error.playerMessage)) ?? ourFault;
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
  if (!(error instanceof TandemError)) return false;
  switch (error.errorKind) {
    case 'invalid':
      return true;
    case 'refused':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'rate_limited':
      return error.playerMessage !== undefined && isTextKey(error.playerMessage.key);
    case 'upstream':
    case 'internal':
      return false;
  }
}

/**
 * The texts of the fields a player typed, in their language. Fields without one (input no player
 * types, which only a bug sends) are said as the schema says them, in English; the summary's
 * "Invalid payout request:" prefix is for logs.
 */
function invalidInputReply(error: TandemError, t: Translate): string {
  const paths = Object.keys(error.fields);
  if (paths.length === 0) return sentence(error.message);
  return paths
    .map((path) => {
      const text = error.playerFields[path];
      return (text && textOf(t, text)) ?? sentence(error.fields[path]!);
    })
    .join(' ');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
