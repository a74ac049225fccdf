import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { DataTable, DateTimeInput, List, SelectInput, TextInput } from 'react-admin';
import { Coins, DeltaField, formatNumber } from '../common/amounts.tsx';
import { eventTypeChoices, sourceChoices, useChoiceName } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { PlayerFilterInput } from '../common/PlayerFilterInput.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';

const filters = [
  <PlayerFilterInput key="playerId" source="playerId" />,
  <SelectInput key="source" source="source" choices={sourceChoices} />,
  <SelectInput key="type" source="type" choices={eventTypeChoices} />,
  <TextInput key="reason" source="reason" label="resources.ledger.fields.reason" helperText={false} />,
  <DateTimeInput key="from" source="createdAt_gte" label="resources.ledger.fields.createdAt_gte" />,
  <DateTimeInput key="to" source="createdAt_lte" label="resources.ledger.fields.createdAt_lte" />,
  // The rows of one shop purchase or one transfer (their pages link here with the id filled in).
  <TextInput key="purchaseId" source="purchaseId" label="tandem.shop.purchaseIdFilter" helperText={false} />,
  <TextInput key="transferId" source="transferId" label="tandem.shop.transferIdFilter" helperText={false} />,
];

/** The append-only ledger: every XP and coin change, who or what caused it, and the totals after it. */
export function LedgerList() {
  const choice = useChoiceName();
  return (
    <List
      filters={filters}
      actions={<ListToolbar />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<ReceiptLongIcon />} title="tandem.ledger.theLedgerIsEmpty">
          {'tandem.ledger.eachXpOrCoin'}
        </EmptyState>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" label="resources.ledger.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="playerName" disableSort label="resources.ledger.fields.playerName">
          <PlayerLinkField />
        </DataTable.Col>
        <DataTable.Col source="reason" disableSort />
        <DataTable.Col source="source" disableSort render={(row) => choice(sourceChoices, row.source)} />
        <DataTable.Col
          source="type"
          disableSort
          render={(row) => <span style={{ whiteSpace: 'nowrap' }}>{choice(eventTypeChoices, row.type)}</span>}
        />
        <DataTable.Col source="xpDelta" disableSort label="resources.ledger.fields.xpDelta" align="right">
          <DeltaField source="xpDelta" />
        </DataTable.Col>
        <DataTable.Col source="coinDelta" disableSort label="resources.ledger.fields.coinDelta" align="right">
          <DeltaField source="coinDelta" />
        </DataTable.Col>
        <DataTable.Col
          source="xpAfter"
          disableSort
          label="resources.ledger.fields.xpAfter"
          align="right"
          render={(row) => formatNumber(row.xpAfter)}
        />
        <DataTable.Col
          source="balanceAfter"
          disableSort
          label="resources.ledger.fields.balanceAfter"
          align="right"
          render={(row) => <Coins value={row.balanceAfter} />}
        />
      </DataTable>
    </List>
  );
}
