import { Alert, Link, Typography } from '@mui/material';
import { BooleanInput, Labeled, RadioButtonGroupInput, useRecordContext, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { SettingEditPage, SettingShowPage } from '../settings/SettingPage.tsx';

/** The `leaderboard` setting as the API stores it (src/leaderboard/leaderboard-settings.ts). */
interface LeaderboardRecord {
  version?: number;
  public?: boolean;
  onLeave?: 'keep' | 'hide';
  onBan?: 'keep' | 'hide' | 'reset';
}

/** Each choice's words, named in full so the panel's key check finds them. */
const words = {
  keep: 'tandem.leaderboardSettings.keep',
  hide: 'tandem.leaderboardSettings.hide',
  reset: 'tandem.leaderboardSettings.reset',
  on: 'tandem.leaderboardSettings.on',
  off: 'tandem.leaderboardSettings.off',
} as const;
const leaveChoices = (['keep', 'hide'] as const).map((id) => ({ id, name: words[id] }));
const banChoices = (['keep', 'hide', 'reset'] as const).map((id) => ({ id, name: words[id] }));

/** The public board's own address, opened in a new tab (it needs no sign-in). */
function BoardLink() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ mb: 2, maxWidth: 640 }}>
      {translate('tandem.leaderboardSettings.publicHint')}{' '}
      <Link href="/leaderboard" target="_blank" rel="noopener">
        {translate('tandem.leaderboardSettings.openBoard')}
      </Link>
    </Typography>
  );
}

/** A reset moves XP through the ledger at once: the admin reads what it does before saving it. */
function ResetWarning() {
  const translate = useTranslate();
  const onBan = useWatch({ name: 'onBan' });
  if (onBan !== 'reset') return null;
  return (
    <Alert severity="warning" sx={{ mb: 2, maxWidth: 640 }}>
      {translate('tandem.leaderboardSettings.resetWarning')}
    </Alert>
  );
}

/**
 * The `leaderboard` setting: whether the public board is on, and who stays on the boards after
 * leaving the Discord server or a ban (keep, hide, or reset on a ban). Saved over its version.
 */
export function LeaderboardSettingsEdit() {
  return (
    <SettingEditPage
      id="leaderboard"
      title="tandem.leaderboardSettings.title"
      hint="tandem.leaderboardSettings.hint"
    >
      <BooleanInput source="public" label={'tandem.leaderboardSettings.public'} />
      <BoardLink />
      <RadioButtonGroupInput
        source="onLeave"
        label={'tandem.leaderboardSettings.onLeave'}
        choices={leaveChoices}
      />
      <RadioButtonGroupInput source="onBan" label={'tandem.leaderboardSettings.onBan'} choices={banChoices} />
      <ResetWarning />
    </SettingEditPage>
  );
}

export function LeaderboardSettingsShow() {
  return (
    <SettingShowPage
      id="leaderboard"
      title="tandem.leaderboardSettings.title"
      hint="tandem.leaderboardSettings.hint"
    >
      <Labeled label={'tandem.leaderboardSettings.public'}>
        <Chosen source="public" />
      </Labeled>
      <Labeled label={'tandem.leaderboardSettings.onLeave'}>
        <Chosen source="onLeave" />
      </Labeled>
      <Labeled label={'tandem.leaderboardSettings.onBan'}>
        <Chosen source="onBan" />
      </Labeled>
    </SettingShowPage>
  );
}

function Chosen({ source }: { source: keyof LeaderboardRecord }) {
  const translate = useTranslate();
  const value = useRecordContext<LeaderboardRecord>()?.[source];
  const word: keyof typeof words =
    source === 'public'
      ? value
        ? 'on'
        : 'off'
      : ((value as 'keep' | 'hide' | 'reset' | undefined) ?? 'keep');
  return <Typography>{translate(words[word])}</Typography>;
}
