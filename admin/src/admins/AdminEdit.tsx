import { Alert } from '@mui/material';
import {
  BooleanInput,
  PasswordInput,
  RadioButtonGroupInput,
  SimpleForm,
  TextInput,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PasswordRulesHint, strongPassword } from '../auth/password-rules.tsx';
import { roleChoices } from '../common/choices.ts';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';

function AdminFields() {
  const translate = useTranslate();
  const admin = useRecordContext<{ id: string }>();
  const { identity } = useGetIdentity();
  const self = admin !== undefined && identity?.id === admin.id;
  return (
    <>
      <VersionGuard />
      {self ? (
        <Alert severity="info" sx={{ mb: 2, width: '100%' }}>
          {translate('tandem.admins.ownAccount')}
        </Alert>
      ) : null}
      <TextInput source="username" disabled helperText="tandem.admins.usernamesDoNotChange" />
      <RadioButtonGroupInput source="role" choices={roleChoices} row={false} disabled={self} />
      <BooleanInput source="active" disabled={self} helperText="tandem.admins.anInactiveAccountCannot" />
      {self ? null : (
        <PasswordInput
          source="password"
          label="resources.admins.fields.password"
          helperText={
            <PasswordRulesHint
              source="password"
              usernameSource="username"
              emptyText="tandem.admins.leaveEmptyToKeep"
            />
          }
          validate={strongPassword((values) => values.username as string | undefined)}
          autoComplete="new-password"
        />
      )}
    </>
  );
}

/** Role, active flag and a password reset for another admin. */
export function AdminEdit() {
  return (
    <VersionedEdit
      redirect="list"
      transform={(data) => {
        const { password, ...rest } = data;
        return password ? { ...rest, password } : rest;
      }}
    >
      <SimpleForm resetOptions={keepEdits} sx={{ maxWidth: 560 }} toolbar={<EditToolbar deletable={false} />}>
        <AdminFields />
      </SimpleForm>
    </VersionedEdit>
  );
}
