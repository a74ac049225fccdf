import BoltIcon from '@mui/icons-material/Bolt';
import { DataTable, DateField, List, NullableBooleanInput, useTranslate } from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.boosts.name" />,
  <NullableBooleanInput key="active" source="active" />,
];

function SourcesCell({ sources }: { sources: string[] }) {
  const translate = useTranslate();
  return <>{sources.map((source) => translate(`tandem.boosts.source.${source}`)).join(', ')}</>;
}

/** Boost events, latest start first. */
export function BoostList() {
  // Boosts have no read-only page: those who may not edit see the list alone.
  const rowClick = useEditOrShow() === 'edit' ? 'edit' : false;
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'startsAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<BoltIcon />} title="tandem.boosts.none">
          {'tandem.boosts.noneHint'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="startsAt">
          <DateField source="startsAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="endsAt">
          <DateField source="endsAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="factor" align="right" render={(boost) => `× ${boost.factor}`} />
        <DataTable.Col
          source="sources"
          disableSort
          render={(boost) => <SourcesCell sources={boost.sources} />}
        />
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
