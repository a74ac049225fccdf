import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { DataTable, DateField, List, NullableBooleanInput } from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { type SeasonResultRow, SeasonResults } from './SeasonResults.tsx';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.seasons.seasonName" />,
  <NullableBooleanInput key="closed" source="closed" />,
];

/** Seasons, latest start first, with their winners once closed. */
export function SeasonList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'startsAt', order: 'DESC' }}
      empty={
        <EmptyState icon={<EmojiEventsIcon />} title="tandem.seasons.noSeasons">
          {'tandem.seasons.seasonsAre'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="recurrence" />
        <DataTable.Col source="startsAt">
          <DateField source="startsAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="endsAt">
          <DateField source="endsAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="winners" align="right" />
        <DataTable.Col source="closedAt">
          <DateField source="closedAt" showTime emptyText="—" />
        </DataTable.Col>
        <DataTable.Col
          source="results"
          disableSort
          render={(season: { results?: SeasonResultRow[] }) => <SeasonResults results={season.results} />}
        />
      </DataTable>
    </List>
  );
}
