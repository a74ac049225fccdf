import type { PayoutRequestResult } from '../payouts/request-payout.ts';
import type { Translate } from '../texts/texts.ts';

/** `/payout <coins>`. A repeated request (a double tap) is answered with what became of the first. */
export function payoutReply(t: Translate, result: PayoutRequestResult): string {
  const { payout } = result;
  const coins = payout.amount;
  if (result.created) return t('reply.payout.received', { coins, balance: result.balance });
  switch (payout.status) {
    case 'held':
      return t('reply.payout.waiting', { coins });
    case 'approved':
      return t('reply.payout.approved', { coins });
    case 'declined':
      return t('reply.payout.declined', { coins });
  }
}
