import { Alert } from '@mui/material';
import {
  FunctionField,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { SyncEventRecord } from '../api/records.ts';
import { eventTypeChoices, sourceChoices, useChoiceName } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { JsonField } from '../common/JsonField.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { RetryEventButton } from './RetryEventButton.tsx';

function FailureNotice(_props: { label?: false }) {
  const event = useRecordContext<SyncEventRecord>();
  if (event?.status !== 'failed') return null;
  return (
    <Alert severity="error" sx={{ width: '100%' }}>
      Failed after {event.attempts} attempt{event.attempts === 1 ? '' : 's'}:{' '}
      {event.errorMessage ?? 'no message'}. Retrying queues it again; it is applied exactly once.
    </Alert>
  );
}

/** One sync event: what it carries, where it stands, and why it failed if it did. */
export function SyncEventShow() {
  const choice = useChoiceName();
  return (
    <Show
      title={<RecordTitle />}
      actions={
        <TopToolbar>
          <RetryEventButton variant="contained" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <FailureNotice label={false} />
        <StatusField label="resources.sync_events.fields.status" />
        <FunctionField<SyncEventRecord>
          label="resources.sync_events.fields.type"
          render={(event) => choice(eventTypeChoices, event.type)}
        />
        <FunctionField<SyncEventRecord>
          label="resources.sync_events.fields.source"
          render={(event) => choice(sourceChoices, event.source)}
        />
        <Labeled label="resources.sync_events.fields.player">
          <PlayerLinkField />
        </Labeled>
        <TextField source="idempotencyKey" label="resources.sync_events.fields.idempotencyKey" />
        <NumberField source="attempts" />
        <TextField source="processedBy" label="resources.sync_events.fields.processedBy" emptyText="—" />
        <Labeled label="resources.sync_events.fields.recorded">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <Labeled label="resources.sync_events.fields.processed">
          <TimeAgoField source="processedAt" empty="tandem.syncEvents.notYet" />
        </Labeled>
        <Labeled label="resources.sync_events.fields.payload">
          <JsonField source="payload" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
