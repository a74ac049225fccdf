import TollIcon from '@mui/icons-material/Toll';
import { DataTable, List, NumberInput, SelectInput, TextField } from 'react-admin';
import { CoinsField } from '../common/amounts.tsx';
import { payoutStatusChoices } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { NoResults } from '../common/NoResults.tsx';
import { PlayerFilterInput } from '../common/PlayerFilterInput.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { PayoutDecisionButtons } from './PayoutDecisionButtons.tsx';

const filters = [
  <SelectInput key="status" source="status" choices={payoutStatusChoices} alwaysOn />,
  <PlayerFilterInput key="playerId" source="playerId" />,
  <NumberInput key="amount_gte" source="amount_gte" label="resources.payouts.fields.amount_gte" />,
];

/** Coin withdrawals: held at request, then approved or declined here. */
export function PayoutList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'held' }}
      actions={<ListToolbar />}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<TollIcon />} title="tandem.payouts.noPayoutsYet">
          {'tandem.payouts.whenAPlayerAsks'}
        </EmptyState>
      }
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={false}
        empty={
          <NoResults icon={<TollIcon />} title="tandem.payouts.noPayoutHere">
            {'tandem.payouts.noPayoutMatchesThese'}
          </NoResults>
        }
      >
        <DataTable.Col source="createdAt" label="resources.payouts.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="playerName" label="resources.payouts.fields.playerName">
          <PlayerLinkField />
        </DataTable.Col>
        <DataTable.Col source="amount" align="right">
          <CoinsField source="amount" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <StatusField />
        </DataTable.Col>
        <DataTable.Col source="decidedBy" label="resources.payouts.fields.decidedBy" disableSort>
          <TextField source="decidedBy" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col label="" disableSort align="right">
          <PayoutDecisionButtons />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
