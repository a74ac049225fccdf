import { Typography } from '@mui/material';
import { Labeled, RadioButtonGroupInput, useRecordContext } from 'react-admin';
import { languageNames, textLanguages } from '../texts/text-record.ts';
import { SettingEditPage, SettingShowPage } from './SettingPage.tsx';

const choices = textLanguages.map((id) => ({ id, name: languageNames[id] }));

/**
 * The community's default language (the `language` setting): what the bots speak to a player who
 * chose none and whose app reports a language Tandem does not speak. Saved over its version.
 */
export function LanguageSettingsEdit() {
  return (
    <SettingEditPage
      id="language"
      title="tandem.settings.language.title"
      hint="tandem.settings.language.hint"
    >
      <RadioButtonGroupInput source="defaultLanguage" choices={choices} />
    </SettingEditPage>
  );
}

export function LanguageSettingsShow() {
  return (
    <SettingShowPage
      id="language"
      title="tandem.settings.language.title"
      hint="tandem.settings.language.hint"
    >
      <Labeled source="defaultLanguage">
        <DefaultLanguageName />
      </Labeled>
    </SettingShowPage>
  );
}

function DefaultLanguageName() {
  const record = useRecordContext<{ defaultLanguage?: string }>();
  return <Typography>{languageNames[record?.defaultLanguage ?? 'en']}</Typography>;
}
