import ReplayIcon from '@mui/icons-material/Replay';
import { Button } from '@mui/material';
import { type Identifier, useListContext, useTranslate } from 'react-admin';
import type { BulkRetryOutcome } from '../api/data-provider.ts';
import { describeBulkOutcome } from '../common/bulk-outcome.ts';
import { useAction } from '../common/use-action.ts';

/** Retries every selected failed event in one request; events that did not fail are left alone. */
export function BulkRetryButton() {
  const translate = useTranslate();
  const { selectedIds, onUnselectItems } = useListContext();
  const retry = useAction<Identifier[], BulkRetryOutcome>({
    run: (dataProvider, ids) => dataProvider.retrySyncEvents(ids),
    success: (ids, outcome) =>
      describeBulkOutcome(
        translate,
        'tandem.syncEvents.queuedAgainVerb',
        outcome.retried.length,
        ids.length,
        outcome,
      ),
    refresh: ['sync_events', 'sync_states'],
    onSuccess: () => onUnselectItems(),
  });
  return (
    <Button
      size="small"
      color="warning"
      startIcon={<ReplayIcon />}
      disabled={retry.isPending || selectedIds.length === 0}
      onClick={() => retry.mutate([...selectedIds])}
    >
      {translate('tandem.syncEvents.retrySelected')}
    </Button>
  );
}
