import ReplayIcon from '@mui/icons-material/Replay';
import { Button } from '@mui/material';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { SyncEventRecord } from '../api/records.ts';
import { useAction } from '../common/use-action.ts';

/**
 * Re-opens a failed sync event and queues it again; the engine applies it exactly once however many
 * times it runs. Operators may use it (a queue action).
 */
export function RetryEventButton({
  variant = 'text',
}: {
  variant?: 'text' | 'outlined' | 'contained';
  label?: string;
}) {
  const translate = useTranslate();
  const event = useRecordContext<SyncEventRecord>();
  const { canAccess } = useCanAccess({ resource: 'sync_events', action: 'retry' });
  const retry = useAction<SyncEventRecord['id']>({
    run: (dataProvider, id) => dataProvider.retrySyncEvent(id),
    success: 'tandem.syncEvents.queuedAgain',
    refresh: ['sync_events', 'sync_states'],
  });
  if (event?.status !== 'failed' || !canAccess) return null;
  return (
    <Button
      size="small"
      variant={variant}
      color="warning"
      startIcon={<ReplayIcon />}
      disabled={retry.isPending}
      onClick={(clickEvent) => {
        clickEvent.stopPropagation();
        retry.mutate(event.id);
      }}
    >
      {translate('tandem.syncEvents.retry')}
    </Button>
  );
}
