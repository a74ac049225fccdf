import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { AnnouncementsPage } from '../announcements/index.ts';
import { LeaderboardSettingsEdit } from '../leaderboard-settings/LeaderboardSettings.tsx';
import { RankRoleSettingsEdit } from '../rank-role-settings/index.ts';
import { TransferSettingsEdit } from '../transfers/index.ts';
import { EconomySettingsEdit } from './EconomySettingsEdit.tsx';
import { LanguageSettingsEdit } from './LanguageSettings.tsx';

/** Each settings key has a form of its own: the earning rules and the default language. */
export function SettingsEdit() {
  const { id } = useParams();
  const translate = useTranslate();
  if (id === 'economy') return <EconomySettingsEdit />;
  if (id === 'language') return <LanguageSettingsEdit />;
  if (id === 'rank-roles') return <RankRoleSettingsEdit />;
  if (id === 'announcements') return <AnnouncementsPage />;
  if (id === 'leaderboard') return <LeaderboardSettingsEdit />;
  if (id === 'transfers') return <TransferSettingsEdit />;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      {translate('tandem.settings.unknown', { id })}
    </Alert>
  );
}
