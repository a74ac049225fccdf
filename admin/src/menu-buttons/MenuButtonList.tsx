import SmartButtonIcon from '@mui/icons-material/SmartButton';
import { DataTable, List } from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { OpensField } from './OpensField.tsx';

/** The main menu as players see it, in order. */
export function MenuButtonList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={[<SearchField key="q" source="q" alwaysOn placeholder="tandem.menuButtons.label" />]}
      actions={<ListToolbar create />}
      sort={{ field: 'position', order: 'ASC' }}
      perPage={50}
      empty={
        <EmptyState icon={<SmartButtonIcon />} title="tandem.menuButtons.theMenuIsEmpty">
          {'tandem.menuButtons.theTelegramBotShows'}
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
