import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, type Identifier, useListContext, useTranslate } from 'react-admin';
import type { BulkApprovalOutcome } from '../api/data-provider.ts';
import { describeBulkOutcome } from '../common/bulk-outcome.ts';
import { useAction } from '../common/use-action.ts';

/** Approves every selected pending submission in one request; each pays its reward once. */
export function BulkApproveButton() {
  const translate = useTranslate();
  const { selectedIds, onUnselectItems } = useListContext();
  const [confirming, setConfirming] = useState(false);
  const approve = useAction<Identifier[], BulkApprovalOutcome>({
    run: (dataProvider, ids) => dataProvider.approveSubmissions(ids),
    success: (ids, outcome) =>
      describeBulkOutcome(
        translate,
        'tandem.taskSubmissions.approvedVerb',
        outcome.approved.length,
        ids.length,
        outcome,
      ),
    refresh: ['task_submissions', 'players', 'ledger', 'sync_events'],
    onSuccess: () => {
      setConfirming(false);
      onUnselectItems();
    },
  });
  return (
    <>
      <Button size="small" color="success" startIcon={<DoneAllIcon />} onClick={() => setConfirming(true)}>
        {translate('tandem.taskSubmissions.approveSelected')}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={approve.isPending}
        title={translate('tandem.taskSubmissions.approveCount', { smart_count: selectedIds.length })}
        content="tandem.taskSubmissions.approveManyHint"
        confirm="tandem.taskSubmissions.approve"
        confirmColor="primary"
        onConfirm={() => approve.mutate([...selectedIds])}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
