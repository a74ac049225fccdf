import { countOf } from '../core/text-format.ts';
import type { PayoutRequestResult } from '../payouts/request-payout.ts';

/** `/payout <coins>`. A repeated request (a double tap) is answered with what became of the first. */
export function payoutReply(result: PayoutRequestResult): string {
  const { payout } = result;
  const amount = countOf(payout.amount, 'coin');
  if (result.created) {
    return [
      `💸 Payout request received: ${amount} set aside for an admin to review.`,
      "You'll get a message as soon as it's decided.",
      `Balance: ${countOf(result.balance, 'coin')}.`,
    ].join('\n');
  }
  switch (payout.status) {
    case 'held':
      return `You already asked for this payout of ${amount}: it's waiting for an admin.`;
    case 'approved':
      return `Your payout of ${amount} was already approved.`;
    case 'declined':
      return `Your payout of ${amount} was declined, and the coins are back in your balance.`;
  }
}
