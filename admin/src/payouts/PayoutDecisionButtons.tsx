import { useState } from 'react';
import { Confirm, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { Decision } from '../api/data-provider.ts';
import type { PayoutRecord } from '../api/records.ts';
import { formatNumber } from '../common/amounts.tsx';
import { DecisionRow } from '../common/DecisionRow.tsx';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { useAction } from '../common/use-action.ts';

const affected = ['payouts', 'players', 'ledger', 'sync_events'];

/**
 * A held payout is approved (the held coins leave for good) or declined (they go back to the player,
 * with a note). The engine makes a double click one decision; shown only while held, only to admins.
 */
export function PayoutDecisionButtons({ size = 'small' }: { size?: 'small' | 'medium'; label?: string }) {
  const translate = useTranslate();
  const payout = useRecordContext<PayoutRecord>();
  const { canAccess } = useCanAccess({ resource: 'payouts', action: 'approve' });
  const [approving, setApproving] = useState(false);
  const [declining, setDeclining] = useState(false);
  const approve = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.approvePayout(decision),
    success: 'tandem.payouts.approved',
    refresh: affected,
    onSuccess: () => setApproving(false),
  });
  const decline = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.declinePayout(decision),
    success: 'tandem.payouts.declined',
    refresh: affected,
    onSuccess: () => setDeclining(false),
  });
  if (payout?.status !== 'held' || !canAccess) return null;
  const busy = approve.isPending || decline.isPending;
  const who = payout.playerName ?? translate('tandem.payouts.thePlayer');
  return (
    <DecisionRow
      size={size}
      busy={busy}
      accept={{ label: 'tandem.payouts.approve', onClick: () => setApproving(true) }}
      refuse={{ label: 'tandem.payouts.decline', onClick: () => setDeclining(true) }}
    >
      <Confirm
        isOpen={approving}
        loading={approve.isPending}
        title="tandem.payouts.approveTitle"
        content="tandem.payouts.approveHint"
        translateOptions={{ amount: formatNumber(payout.amount), who }}
        confirm="tandem.payouts.approvePayout"
        onConfirm={() => approve.mutate({ id: payout.id, version: payout.version })}
        onClose={() => setApproving(false)}
      />
      <ReasonDialog
        open={declining}
        title={translate('tandem.payouts.declineTitle', { amount: formatNumber(payout.amount) })}
        description={translate('tandem.payouts.declineHint', { who })}
        label="resources.payouts.fields.reason"
        confirmLabel="tandem.payouts.declinePayout"
        confirmColor="error"
        required
        busy={decline.isPending}
        onConfirm={(note) => decline.mutate({ id: payout.id, version: payout.version, note })}
        onClose={() => setDeclining(false)}
      />
    </DecisionRow>
  );
}
