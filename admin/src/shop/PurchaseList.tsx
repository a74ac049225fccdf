import ShoppingBagIcon from '@mui/icons-material/ShoppingBag';
import { DataTable, List, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { CoinsField } from '../common/amounts.tsx';
import { useChoiceName } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { NoResults } from '../common/NoResults.tsx';
import { PlayerFilterInput } from '../common/PlayerFilterInput.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { PurchaseButtons } from './PurchaseButtons.tsx';
import { PurchaseStatusField } from './shop-cells.tsx';
import { kindChoices, purchaseStatusChoices } from './shop-records.ts';

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="tandem.shop.fields.status"
    choices={purchaseStatusChoices}
    alwaysOn
  />,
  <ReferenceInput key="itemId" source="itemId" reference="shop_items" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label="tandem.shop.fields.item" optionText="name" />
  </ReferenceInput>,
  <PlayerFilterInput key="playerId" source="playerId" />,
  <SelectInput key="kind" source="kind" label="tandem.shop.fields.kind" choices={kindChoices} />,
];

/**
 * What players bought. Opens on the pending ones, oldest first: custom items wait here for an admin
 * to hand them over (or refund them), like task submissions; roles and titles pass through while the
 * bot grants them.
 */
export function PurchaseList() {
  const choice = useChoiceName();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending' }}
      actions={<ListToolbar />}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<ShoppingBagIcon />} title="tandem.shop.noPurchases">
          {'tandem.shop.noPurchasesHint'}
        </EmptyState>
      }
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={false}
        empty={
          <NoResults icon={<ShoppingBagIcon />} title="tandem.shop.noPurchaseHere">
            {'tandem.shop.noPurchaseMatches'}
          </NoResults>
        }
      >
        <DataTable.Col source="createdAt" label="tandem.shop.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="playerName" disableSort label="tandem.shop.fields.player">
          <PlayerLinkField />
        </DataTable.Col>
        <DataTable.Col source="itemName" disableSort label="tandem.shop.fields.item" />
        <DataTable.Col
          source="kind"
          label="tandem.shop.fields.kind"
          disableSort
          render={(purchase) => choice(kindChoices, purchase.kind)}
        />
        <DataTable.Col source="price" disableSort label="tandem.shop.fields.price" align="right">
          <CoinsField source="price" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort label="tandem.shop.fields.status">
          <PurchaseStatusField />
        </DataTable.Col>
        <DataTable.Col source="settledBy" label="tandem.shop.fields.settledBy" disableSort>
          <TextField source="settledBy" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col label="" disableSort align="right">
          <PurchaseButtons />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
