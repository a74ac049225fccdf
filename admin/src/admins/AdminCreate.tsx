import {
  Create,
  maxLength,
  minLength,
  PasswordInput,
  RadioButtonGroupInput,
  regex,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { minPasswordLength } from '../auth/ChangePasswordPage.tsx';
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
        validate={(values) =>
          values.password !== values.confirmPassword ? { confirmPassword: 'The two passwords differ.' } : {}
        }
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
          validate={[required(), minLength(minPasswordLength, `At least ${minPasswordLength} characters.`)]}
          autoComplete="new-password"
        />
        <PasswordInput source="confirmPassword" label="Repeat the password" autoComplete="new-password" />
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
