import LinkIcon from '@mui/icons-material/Link';
import TerminalIcon from '@mui/icons-material/Terminal';
import { Box } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';

interface MenuButtonRecord {
  id: number;
  scenarioId?: number | null;
  url?: string | null;
  command?: string | null;
}

/** What a menu button opens: a scenario (linked), a web link or a bot command. */
export function OpensField(_props: { label?: string }) {
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
