import { Typography } from '@mui/material';
import {
  Labeled,
  RadioButtonGroupInput,
  SaveButton,
  Show,
  SimpleForm,
  SimpleShowLayout,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';

/** The `rank-roles` settings row, as the admin API serves it. */
const settingId = 'rank-roles';

const modeChoices = [
  { id: 'replace', name: 'tandem.rankRoles.replace' },
  { id: 'stack', name: 'tandem.rankRoles.stack' },
];

function Hint() {
  const translate = useTranslate();
  const record = useRecordContext<{ version?: number }>();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
      {translate('tandem.rankRoles.hint', { version: record?.version ?? 0 })}
    </Typography>
  );
}

/**
 * How rank roles are given on Discord (the `rank-roles` setting): the current rank's role alone, or
 * the roles of every rank up to it. Saved over its version; a switch brings every member in line.
 */
export function RankRoleSettingsEdit() {
  const translate = useTranslate();
  return (
    <VersionedEdit
      id={settingId}
      resource="settings"
      redirect={false}
      title={translate('tandem.rankRoles.title')}
      actions={false}
    >
      <SimpleForm
        resetOptions={keepEdits}
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <VersionGuard />
        <Hint />
        <RadioButtonGroupInput source="mode" choices={modeChoices} row={false} />
      </SimpleForm>
    </VersionedEdit>
  );
}

export function RankRoleSettingsShow() {
  const translate = useTranslate();
  return (
    <Show id={settingId} resource="settings" title={translate('tandem.rankRoles.title')}>
      <SimpleShowLayout>
        <Hint />
        <Labeled source="mode">
          <ModeName />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

function ModeName() {
  const translate = useTranslate();
  const record = useRecordContext<{ mode?: string }>();
  return (
    <Typography>{translate(`tandem.rankRoles.${record?.mode === 'stack' ? 'stack' : 'replace'}`)}</Typography>
  );
}
