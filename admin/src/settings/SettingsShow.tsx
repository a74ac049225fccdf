import { Alert } from '@mui/material';
import { useParams } from 'react-router';
import { EconomySettingsShow } from './EconomySettingsShow.tsx';

export function SettingsShow() {
  const { id } = useParams();
  if (id === 'economy') return <EconomySettingsShow />;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      The setting “{id}” has no page in this version of the panel.
    </Alert>
  );
}
