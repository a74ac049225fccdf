import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { LeaderboardSettingsShow } from '../leaderboard-settings/LeaderboardSettings.tsx';
import { EconomySettingsShow } from './EconomySettingsShow.tsx';
import { LanguageSettingsShow } from './LanguageSettings.tsx';

export function SettingsShow() {
  const { id } = useParams();
  const translate = useTranslate();
  if (id === 'economy') return <EconomySettingsShow />;
  if (id === 'language') return <LanguageSettingsShow />;
  if (id === 'leaderboard') return <LeaderboardSettingsShow />;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      {translate('tandem.settings.unknown', { id })}
    </Alert>
  );
}
