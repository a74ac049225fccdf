import SyncIcon from '@mui/icons-material/Sync';
import { Tooltip, Typography } from '@mui/material';
import { DataTable, List, SelectInput, useCanAccess, useRecordContext } from 'react-admin';
import type { SyncEventRecord } from '../api/records.ts';
import { eventTypeChoices, sourceChoices, syncStatusChoices, useChoiceName } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { PlayerFilterInput } from '../common/PlayerFilterInput.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { BulkRetryButton } from './BulkRetryButton.tsx';
import { RetryEventButton } from './RetryEventButton.tsx';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.syncEvents.keyOrError" />,
  <SelectInput key="status" source="status" choices={syncStatusChoices} alwaysOn />,
  <SelectInput key="type" source="type" choices={eventTypeChoices} />,
  <SelectInput key="source" source="source" choices={sourceChoices} />,
  <PlayerFilterInput key="playerId" source="playerId" />,
];

function ErrorCell() {
  const event = useRecordContext<SyncEventRecord>();
  if (!event?.errorMessage) return null;
  return (
    <Tooltip title={event.errorMessage}>
      <Typography variant="body2" color="error" noWrap sx={{ maxWidth: 260 }}>
        {event.errorMessage}
      </Typography>
    </Tooltip>
  );
}

function TypeCell() {
  const choice = useChoiceName();
  const event = useRecordContext<SyncEventRecord>();
  return <span style={{ whiteSpace: 'nowrap' }}>{choice(eventTypeChoices, event?.type)}</span>;
}

/**
 * The outbox: every change on its way to the platforms. Failed events say why and can be retried,
 * one by one or selected in bulk (operators too).
 */
export function SyncEventList() {
  const choice = useChoiceName();
  const { canAccess: canRetry } = useCanAccess({ resource: 'sync_events', action: 'retry' });
  return (
    <List
      filters={filters}
      actions={<ListToolbar />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<SyncIcon />} title="tandem.syncEvents.noSyncEventsYet">
          {'tandem.syncEvents.everyXpOrCoin'}
        </EmptyState>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={canRetry ? <BulkRetryButton /> : false}>
        <DataTable.Col source="createdAt" label="resources.sync_events.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="type" disableSort>
          <TypeCell />
        </DataTable.Col>
        <DataTable.Col source="source" disableSort render={(event) => choice(sourceChoices, event.source)} />
        <DataTable.Col source="playerName" disableSort label="resources.sync_events.fields.playerName">
          <PlayerLinkField />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <StatusField />
        </DataTable.Col>
        <DataTable.Col source="attempts" disableSort align="right" />
        <DataTable.Col label="resources.sync_events.fields.error" disableSort>
          <ErrorCell />
        </DataTable.Col>
        <DataTable.Col label="" disableSort align="right">
          <RetryEventButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
