import {
  DataTable,
  EditButton,
  Pagination,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { PlayerRecord } from '../api/records.ts';
import { Coins, DeltaField } from '../common/amounts.tsx';
import { TimeAgoField } from '../common/dates.tsx';
import { PlatformField } from '../common/PlatformChip.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { AdjustBalanceButton } from './AdjustBalanceButton.tsx';
import { PlayerAchievements } from './PlayerAchievements.tsx';
import { PlayerSummary } from './PlayerSummary.tsx';

function PlayerTitle() {
  const player = useRecordContext<PlayerRecord>();
  return <span>{player ? player.displayName : 'Player'}</span>;
}

function PlayerActions() {
  return (
    <TopToolbar>
      <AdjustBalanceButton />
      <EditButton label="resources.players.fields.rename" />
    </TopToolbar>
  );
}

const newestFirst = { field: 'createdAt', order: 'DESC' } as const;

/** Everything about one player: totals, then their ledger, sync events, tasks, payouts, achievements. */
export function PlayerShow() {
  return (
    <Show title={<PlayerTitle />} actions={<PlayerActions />} component="div">
      <PlayerSummary />
      <TabbedShowLayout sx={{ bgcolor: 'background.paper', borderRadius: 3, boxShadow: 1 }}>
        <TabbedShowLayout.Tab label="resources.players.fields.ledger">
          <ReferenceManyField
            reference="ledger"
            target="playerId"
            sort={newestFirst}
            perPage={10}
            pagination={<Pagination />}
          >
            <DataTable bulkActionButtons={false} rowClick="show">
              <DataTable.Col source="createdAt" label="resources.players.fields.createdAt2">
                <TimeAgoField source="createdAt" />
              </DataTable.Col>
              <DataTable.Col source="reason" disableSort />
              <DataTable.Col source="source" disableSort />
              <DataTable.Col
                source="xpDelta"
                disableSort
                label="resources.players.fields.xpDelta"
                align="right"
              >
                <DeltaField source="xpDelta" />
              </DataTable.Col>
              <DataTable.Col
                source="coinDelta"
                disableSort
                label="resources.players.fields.coinDelta"
                align="right"
              >
                <DeltaField source="coinDelta" />
              </DataTable.Col>
              <DataTable.Col
                source="balanceAfter"
                disableSort
                label="resources.players.fields.balanceAfter"
                align="right"
                render={(row) => <Coins value={row.balanceAfter} />}
              />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.players.fields.syncEvents" path="sync">
          <ReferenceManyField
            reference="sync_events"
            target="playerId"
            sort={newestFirst}
            perPage={10}
            pagination={<Pagination />}
          >
            <DataTable bulkActionButtons={false} rowClick="show">
              <DataTable.Col source="createdAt" label="resources.players.fields.createdAt2">
                <TimeAgoField source="createdAt" />
              </DataTable.Col>
              <DataTable.Col source="type" disableSort />
              <DataTable.Col source="source" disableSort />
              <DataTable.Col source="status" disableSort>
                <StatusField />
              </DataTable.Col>
              <DataTable.Col source="attempts" disableSort align="right" />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.players.fields.tasks" path="tasks">
          <ReferenceManyField
            reference="task_submissions"
            target="playerId"
            sort={newestFirst}
            perPage={10}
            pagination={<Pagination />}
          >
            <DataTable bulkActionButtons={false} rowClick="show">
              <DataTable.Col source="createdAt" label="resources.players.fields.createdAt3">
                <TimeAgoField source="createdAt" />
              </DataTable.Col>
              <DataTable.Col source="taskTitle" label="resources.players.fields.taskTitle" />
              <DataTable.Col source="platform">
                <PlatformField />
              </DataTable.Col>
              <DataTable.Col source="status">
                <StatusField />
              </DataTable.Col>
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.players.fields.payouts" path="payouts">
          <ReferenceManyField
            reference="payouts"
            target="playerId"
            sort={newestFirst}
            perPage={10}
            pagination={<Pagination />}
          >
            <DataTable bulkActionButtons={false} rowClick="show">
              <DataTable.Col source="createdAt" label="resources.players.fields.createdAt4">
                <TimeAgoField source="createdAt" />
              </DataTable.Col>
              <DataTable.Col source="amount" align="right" render={(row) => <Coins value={row.amount} />} />
              <DataTable.Col source="status">
                <StatusField />
              </DataTable.Col>
              <DataTable.Col source="note">
                <TextField source="note" emptyText="—" />
              </DataTable.Col>
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.players.fields.achievements" path="achievements">
          <PlayerAchievements />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
