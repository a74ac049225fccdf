import LinkIcon from '@mui/icons-material/Link';
import SmartButtonIcon from '@mui/icons-material/SmartButton';
import TerminalIcon from '@mui/icons-material/Terminal';
import { Box } from '@mui/material';
import { DataTable, List, ReferenceField, SearchInput, useRecordContext } from 'react-admin';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { ActiveField } from '../common/StatusChip.tsx';

interface MenuButtonRecord {
  id: number;
  scenarioId?: number | null;
  url?: string | null;
  command?: string | null;
}

function OpensCell() {
  const button = useRecordContext<MenuButtonRecord>();
  if (!button) return null;
  if (button.url) {
    return (
      <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center' }}>
        <LinkIcon fontSize="small" color="action" /> {button.url}
      </Box>
    );
  }
  if (button.command) {
    return (
      <Box
        component="span"
        sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center', fontFamily: 'monospace' }}
      >
        <TerminalIcon fontSize="small" color="action" /> {button.command}
      </Box>
    );
  }
  return <ReferenceField source="scenarioId" reference="scenarios" link="edit" emptyText="—" />;
}

/** The main menu as players see it, in order. */
export function MenuButtonList() {
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
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="position" align="right" />
        <DataTable.Col source="label" />
        <DataTable.Col label="Opens" disableSort>
          <OpensCell />
        </DataTable.Col>
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
