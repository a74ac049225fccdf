import StorefrontIcon from '@mui/icons-material/Storefront';
import { DataTable, List, NullableBooleanInput, SelectInput } from 'react-admin';
import { CoinsField } from '../common/amounts.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { NoResults } from '../common/NoResults.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { KindCell, StockCell, WindowCell } from './shop-cells.tsx';
import { kindChoices } from './shop-records.ts';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.shop.fields.name" />,
  <SelectInput key="kind" source="kind" label="tandem.shop.fields.kind" choices={kindChoices} />,
  <NullableBooleanInput key="active" source="active" label="tandem.shop.fields.active" />,
];

/** The shop's items, as players see them listed by /shop (by number). */
export function ShopItemList() {
  // Items have no read-only page: those who may not edit see the list alone.
  const rowClick = useEditOrShow() === 'edit' ? 'edit' : false;
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'id', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<StorefrontIcon />} title="tandem.shop.noItems">
          {'tandem.shop.noItemsHint'}
        </EmptyState>
      }
    >
      <DataTable
        rowClick={rowClick}
        bulkActionButtons={false}
        empty={
          <NoResults icon={<StorefrontIcon />} title="tandem.shop.noItemHere">
            {'tandem.shop.noItemMatches'}
          </NoResults>
        }
      >
        <DataTable.Col source="id" label="tandem.shop.fields.number" align="right" />
        <DataTable.Col source="name" label="tandem.shop.fields.name" />
        <DataTable.Col source="kind" label="tandem.shop.fields.kind">
          <KindCell />
        </DataTable.Col>
        <DataTable.Col source="price" label="tandem.shop.fields.price" align="right">
          <CoinsField source="price" />
        </DataTable.Col>
        <DataTable.Col source="stock" label="tandem.shop.fields.stock">
          <StockCell />
        </DataTable.Col>
        <DataTable.Col
          source="perPlayerLimit"
          label="tandem.shop.fields.perPlayerLimit"
          align="right"
          disableSort
          render={(item) => item.perPlayerLimit ?? '—'}
        />
        <DataTable.Col label="tandem.shop.fields.window" disableSort>
          <WindowCell />
        </DataTable.Col>
        <DataTable.Col source="active" label="tandem.shop.fields.active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
