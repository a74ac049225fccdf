import SmartButtonIcon from '@mui/icons-material/SmartButton';
import { DataTable, List, SearchInput } from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { OpensField } from './OpensField.tsx';

/** The main menu as players see it, in order. */
export function MenuButtonList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Label" />]}
      actions={<ListToolbar create />}
      sort={{ field: 'position', order: 'ASC' }}
      perPage={50}
      empty={
        <EmptyState icon={<SmartButtonIcon />} title="The menu is empty">
          The Telegram bot shows these buttons under /start. Add one that opens a scenario, a link or a
          command.
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="position" align="right" />
        <DataTable.Col source="label" />
        <DataTable.Col label="resources.menu_buttons.fields.opens" disableSort>
          <OpensField />
        </DataTable.Col>
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
