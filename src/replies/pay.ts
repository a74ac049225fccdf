import { nameAsIs, type ShowName } from '../core/text-format.ts';
import type { Translate } from '../texts/texts.ts';
import type { TransferResult } from '../transfers/transfer-coins.ts';

/**
 * `/pay`: the coins sent, to whom, and the sender's balance after. The same request again (a
 * redelivered update) says the payment was made already; the recipient's notice is the core's.
 * `player` is the recipient as the sender named them.
 */
export function payReply(
  t: Translate,
  result: Pick<TransferResult, 'transfer' | 'created' | 'balance'>,
  player: string,
  showName: ShowName = nameAsIs,
): string {
  const params = { coins: result.transfer.amount, player: showName(player), balance: result.balance };
  return result.created ? t('reply.pay.sent', params) : t('reply.pay.already', params);
}

/** `/pay` without a player and a whole amount. */
export function payUsageReply(t: Translate): string {
  return t('reply.pay.usage');
}

/** The name typed after /pay matches no player. */
export function payUnknownNameReply(t: Translate, typed: string): string {
  return t('reply.pay.unknownName', { typed });
}

/** The name typed after /pay matches several players: a reply to their message says who. */
export function payAmbiguousNameReply(t: Translate, typed: string): string {
  return t('reply.pay.ambiguousName', { typed });
}

export function payNotToBotsReply(t: Translate): string {
  return t('reply.pay.notToBots');
}
