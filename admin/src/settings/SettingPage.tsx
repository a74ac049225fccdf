import { Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  SaveButton,
  Show,
  SimpleForm,
  SimpleShowLayout,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';

/** What a small settings row's pages share: its id, and the panel text keys of title and hint. */
export interface SettingPageProps {
  id: string;
  title: string;
  /** Given `%{version}`, the row's saved version. */
  hint: string;
  children: ReactNode;
}

function Hint({ hint }: { hint: string }) {
  const translate = useTranslate();
  const record = useRecordContext<{ version?: number }>();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
      {translate(hint, { version: record?.version ?? 0 })}
    </Typography>
  );
}

/** A settings row edited as a form with its hint, saved over the version it was opened at. */
export function SettingEditPage({ id, title, hint, children }: SettingPageProps) {
  const translate = useTranslate();
  return (
    <VersionedEdit id={id} resource="settings" redirect={false} title={translate(title)} actions={false}>
      <SimpleForm
        resetOptions={keepEdits}
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <VersionGuard />
        <Hint hint={hint} />
        {children}
      </SimpleForm>
    </VersionedEdit>
  );
}

/** The same row read-only (for operators). */
export function SettingShowPage({ id, title, hint, children }: SettingPageProps) {
  const translate = useTranslate();
  return (
    <Show id={id} resource="settings" title={translate(title)}>
      <SimpleShowLayout>
        <Hint hint={hint} />
        {children}
      </SimpleShowLayout>
    </Show>
  );
}
