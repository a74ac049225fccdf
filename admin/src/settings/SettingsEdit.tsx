import { Alert } from '@mui/material';
import { useParams } from 'react-router';
import { EconomySettingsEdit } from './EconomySettingsEdit.tsx';

/** Each settings key has a form of its own; `economy` is the only one today. */
export function SettingsEdit() {
  const { id } = useParams();
  if (id === 'economy') return <EconomySettingsEdit />;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      The setting “{id}” has no form in this version of the panel.
    </Alert>
  );
}
