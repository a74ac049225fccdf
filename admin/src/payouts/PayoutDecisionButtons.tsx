import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Confirm, useCanAccess, useRecordContext } from 'react-admin';
import type { Decision } from '../api/data-provider.ts';
import type { PayoutRecord } from '../api/records.ts';
import { formatNumber } from '../common/amounts.tsx';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { useAction } from '../common/use-action.ts';

const affected = ['payouts', 'players', 'ledger', 'sync_events'];

/**
 * A held payout is approved (the held coins leave for good) or declined (they go back to the player,
 * with a note). The engine makes a double click one decision; shown only while held, only to admins.
 */
export function PayoutDecisionButtons({ size = 'small' }: { size?: 'small' | 'medium'; label?: string }) {
  const payout = useRecordContext<PayoutRecord>();
  const { canAccess } = useCanAccess({ resource: 'payouts', action: 'approve' });
  const [approving, setApproving] = useState(false);
  const [declining, setDeclining] = useState(false);
  const approve = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.approvePayout(decision),
    success: 'Payout approved.',
    refresh: affected,
    onSuccess: () => setApproving(false),
  });
  const decline = useAction<Decision>({
    run: (dataProvider, decision) => dataProvider.declinePayout(decision),
    success: 'Payout declined: the coins are back on the player’s balance.',
    refresh: affected,
    onSuccess: () => setDeclining(false),
  });
  if (payout?.status !== 'held' || !canAccess) return null;
  const busy = approve.isPending || decline.isPending;
  const who = payout.playerName ?? 'the player';
  return (
    <Stack
      direction="row"
      spacing={1}
      onClick={(event) => event.stopPropagation()}
      sx={{ justifyContent: 'flex-end' }}
    >
      <Button
        size={size}
        variant="contained"
        color="success"
        startIcon={<CheckIcon />}
        disabled={busy}
        onClick={() => setApproving(true)}
      >
        Approve
      </Button>
      <Button
        size={size}
        color="error"
        startIcon={<CloseIcon />}
        disabled={busy}
        onClick={() => setDeclining(true)}
      >
        Decline
      </Button>
      <Confirm
        isOpen={approving}
        loading={approve.isPending}
        title={`Pay out ${formatNumber(payout.amount)} coins?`}
        content={`The coins held for ${who} are paid out for good and ${who} is told on their platforms.`}
        confirm="Approve payout"
        onConfirm={() => approve.mutate({ id: payout.id, version: payout.version })}
        onClose={() => setApproving(false)}
      />
      <ReasonDialog
        open={declining}
        title={`Decline ${formatNumber(payout.amount)} coins?`}
        description={`The coins go back to ${who}'s balance, and ${who} reads your note.`}
        label="resources.payouts.fields.reason"
        confirmLabel="Decline payout"
        confirmColor="error"
        required
        busy={decline.isPending}
        onConfirm={(note) => decline.mutate({ id: payout.id, version: payout.version, note })}
        onClose={() => setDeclining(false)}
      />
    </Stack>
  );
}
