import { Typography } from '@mui/material';
import { Labeled, RadioButtonGroupInput, useRecordContext, useTranslate } from 'react-admin';
import { SettingEditPage, SettingShowPage } from '../settings/SettingPage.tsx';

/** The `rank-roles` settings row, as the admin API serves it. */
const settingId = 'rank-roles';

const modeChoices = [
  { id: 'replace', name: 'tandem.rankRoles.replace' },
  { id: 'stack', name: 'tandem.rankRoles.stack' },
];

/**
 * How rank roles are given on Discord (the `rank-roles` setting): the current rank's role alone, or
 * the roles of every rank up to it. Saved over its version; a switch brings every member in line.
 */
export function RankRoleSettingsEdit() {
  return (
    <SettingEditPage id={settingId} title="tandem.rankRoles.title" hint="tandem.rankRoles.hint">
      <RadioButtonGroupInput source="mode" choices={modeChoices} row={false} />
    </SettingEditPage>
  );
}

export function RankRoleSettingsShow() {
  return (
    <SettingShowPage id={settingId} title="tandem.rankRoles.title" hint="tandem.rankRoles.hint">
      <Labeled source="mode">
        <ModeName />
      </Labeled>
    </SettingShowPage>
  );
}

function ModeName() {
  const translate = useTranslate();
  const record = useRecordContext<{ mode?: string }>();
  return (
    <Typography>{translate(`tandem.rankRoles.${record?.mode === 'stack' ? 'stack' : 'replace'}`)}</Typography>
  );
}
