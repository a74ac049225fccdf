import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Tooltip, Typography } from '@mui/material';
import { DataTable, List, NullableBooleanInput, useRecordContext } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { DiscordRoleField } from '../discord/DiscordFields.tsx';

interface SyncStateRecord {
  id: string;
  lastTelegramXp?: number | null;
  lastDiscordXp?: number | null;
  lastBalance?: number | null;
  discordRankRoleId?: string | null;
  lastReconcileAt?: string | null;
  reconcileErrors: number;
  lastError?: string | null;
}

function LastErrorCell() {
  const state = useRecordContext<SyncStateRecord>();
  if (!state?.lastError)
    return (
      <Typography variant="body2" color="text.disabled">
        —
      </Typography>
    );
  return (
    <Tooltip title={state.lastError}>
      <Typography variant="body2" color="error" noWrap sx={{ maxWidth: 260 }}>
        {state.lastError}
      </Typography>
    </Tooltip>
  );
}

const amount = (value: number | null | undefined) => (typeof value === 'number' ? formatNumber(value) : '—');

/** What each platform last reflected for each player, and what reconcile found about them. */
export function SyncStateList() {
  return (
    <List
      filters={[
        <NullableBooleanInput
          key="hasError"
          source="hasError"
          label="resources.sync_states.fields.hasError"
          trueLabel="tandem.syncStates.withErrors"
          falseLabel="tandem.syncStates.without"
          sx={{ minWidth: 220 }}
          alwaysOn
        />,
      ]}
      actions={<ListToolbar />}
      sort={{ field: 'lastReconcileAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<FactCheckIcon />} title="tandem.syncStates.noSyncStatesYet">
          {'tandem.syncStates.aPlayerSSync'}
        </EmptyState>
      }
    >
      <DataTable rowClick={(id) => `/players/${id}/show`} bulkActionButtons={false}>
        <DataTable.Col source="playerName" label="resources.sync_states.fields.playerName" />
        <DataTable.Col
          source="lastTelegramXp"
          disableSort
          label="resources.sync_states.fields.lastTelegramXp"
          align="right"
          render={(row) => amount(row.lastTelegramXp)}
        />
        <DataTable.Col
          source="lastDiscordXp"
          disableSort
          label="resources.sync_states.fields.lastDiscordXp"
          align="right"
          render={(row) => amount(row.lastDiscordXp)}
        />
        <DataTable.Col
          source="lastBalance"
          label="resources.sync_states.fields.lastBalance"
          align="right"
          render={(row) => amount(row.lastBalance)}
        />
        <DataTable.Col
          source="discordRankRoleId"
          disableSort
          label="resources.sync_states.fields.discordRankRoleId"
        >
          <DiscordRoleField source="discordRankRoleId" />
        </DataTable.Col>
        <DataTable.Col source="lastReconcileAt" label="resources.sync_states.fields.lastReconcileAt">
          <TimeAgoField source="lastReconcileAt" empty="tandem.common.never" />
        </DataTable.Col>
        <DataTable.Col
          source="reconcileErrors"
          label="resources.sync_states.fields.reconcileErrors"
          align="right"
        />
        <DataTable.Col label="resources.sync_states.fields.lastError" disableSort>
          <LastErrorCell />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
