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
import { languageNames, textLanguages } from '../texts/text-record.ts';

const choices = textLanguages.map((id) => ({ id, name: languageNames[id] }));

function Hint() {
  const translate = useTranslate();
  const record = useRecordContext<{ version?: number }>();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
      {translate('tandem.settings.language.hint', { version: record?.version ?? 0 })}
    </Typography>
  );
}

/**
 * The community's default language (the `language` setting): what the bots speak to a player who
 * chose none and whose app reports a language Tandem does not speak. Saved over its version.
 */
export function LanguageSettingsEdit() {
  const translate = useTranslate();
  return (
    <VersionedEdit
      id="language"
      resource="settings"
      redirect={false}
      title={translate('tandem.settings.language.title')}
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
        <RadioButtonGroupInput source="defaultLanguage" choices={choices} />
      </SimpleForm>
    </VersionedEdit>
  );
}

export function LanguageSettingsShow() {
  const translate = useTranslate();
  return (
    <Show id="language" resource="settings" title={translate('tandem.settings.language.title')}>
      <SimpleShowLayout>
        <Hint />
        <Labeled source="defaultLanguage">
          <DefaultLanguageName />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

function DefaultLanguageName() {
  const record = useRecordContext<{ defaultLanguage?: string }>();
  return <Typography>{languageNames[record?.defaultLanguage ?? 'en']}</Typography>;
}
