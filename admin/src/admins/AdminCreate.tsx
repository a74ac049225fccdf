import {
  Create,
  maxLength,
  PasswordInput,
  RadioButtonGroupInput,
  regex,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { checkNewPassword, PasswordRulesHint } from '../auth/password-rules.tsx';
import { roleChoices } from '../common/choices.ts';
import { CreateTitle } from '../common/titles.tsx';

/** A new admin or operator; they sign in with this password once and must then choose their own. */
export function AdminCreate() {
  return (
    <Create
      redirect="list"
      title={<CreateTitle />}
      transform={({ confirmPassword: _unused, ...data }) => data}
    >
      <SimpleForm
        sx={{ maxWidth: 560 }}
        validate={async (values) => {
          // Form-level only: react-hook-form ignores the inputs' own validators once a form has this.
          const errors: Record<string, string> = {};
          const problem = await checkNewPassword(values.password ?? '', values.username ?? '');
          if (problem) errors.password = problem;
          if (values.password !== values.confirmPassword)
            errors.confirmPassword = 'tandem.auth.passwordsDiffer';
          return errors;
        }}
      >
        <TextInput
          source="username"
          validate={[
            required(),
            maxLength(64),
            regex(/^[a-zA-Z0-9._-]+$/, 'Letters, digits, dots, dashes and underscores.'),
          ]}
          autoComplete="off"
        />
        <PasswordInput
          source="password"
          validate={required()}
          helperText={<PasswordRulesHint source="password" usernameSource="username" />}
          autoComplete="new-password"
        />
        <PasswordInput
          source="confirmPassword"
          label="resources.admins.fields.confirmPassword"
          autoComplete="new-password"
        />
        <RadioButtonGroupInput
          source="role"
          choices={roleChoices}
          defaultValue="operator"
          row={false}
          validate={required()}
        />
      </SimpleForm>
    </Create>
  );
}
