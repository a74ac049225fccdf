import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { AnnouncementsPage } from '../announcements/index.ts';
import { LeaderboardSettingsShow } from '../leaderboard-settings/LeaderboardSettings.tsx';
import { RankRoleSettingsShow } from '../rank-role-settings/index.ts';
import { TransferSettingsShow } from '../transfers/index.ts';
import { EconomySettingsShow } from './EconomySettingsShow.tsx';
import { LanguageSettingsShow } from './LanguageSettings.tsx';

export function SettingsShow() {
  const { id } = useParams();
  const translate = useTranslate();
  if (id === 'economy') return <EconomySettingsShow />;
  if (id === 'language') return <LanguageSettingsShow />;
  if (id === 'rank-roles') return <RankRoleSettingsShow />;
  if (id === 'announcements') return <AnnouncementsPage />;
  if (id === 'leaderboard') return <LeaderboardSettingsShow />;
  if (id === 'transfers') return <TransferSettingsShow />;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      {translate('tandem.settings.unknown', { id })}
    </Alert>
  );
}
