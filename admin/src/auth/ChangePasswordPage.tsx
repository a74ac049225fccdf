import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Form,
  HttpError,
  PasswordInput,
  required,
  useAuthenticated,
  useGetIdentity,
  useLogout,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { errorMessage } from '../api/http.ts';
import { AuthCard } from './AuthCard.tsx';
import { changePassword } from './auth-provider.ts';
import { checkNewPassword, PasswordRulesHint } from './password-rules.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The API's rules for the new password (the same function), then the form's own checks. */
async function validate(values: Partial<PasswordForm>, username: string): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const problem = await checkNewPassword(values.newPassword ?? '', username);
  if (problem) {
    errors.newPassword = problem;
  } else if (values.newPassword === values.currentPassword) {
    errors.newPassword = 'tandem.auth.differentPassword';
  }
  if (values.confirmPassword !== values.newPassword) errors.confirmPassword = 'tandem.auth.passwordsDiffer';
  return errors;
}

/**
 * Choosing a new password. Shown at once to an admin who signed in with a password someone else
 * knows (`mustChangePassword`: generated at first start, or chosen by the admin who created or reset
 * the account), and reachable from the account menu by anyone.
 */
export function ChangePasswordPage() {
  const translate = useTranslate();
  useAuthenticated();
  const { identity } = useGetIdentity();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  const logout = useLogout();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = identity?.mustChangePassword === true;

  const submit = async (values: Partial<PasswordForm>) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.currentPassword ?? '', values.newPassword ?? '');
      await queryClient.invalidateQueries({ queryKey: ['auth'] });
      notify('tandem.auth.passwordChanged', { type: 'success' });
      redirect('/');
      return undefined;
    } catch (failure) {
      setBusy(false);
      if (failure instanceof HttpError && failure.body?.errors) {
        setError(failure.message);
        return failure.body.errors as Record<string, string>;
      }
      setError(errorMessage(failure));
      return undefined;
    }
  };

  return (
    <AuthCard
      title={forced ? 'tandem.auth.chooseYourPassword' : 'tandem.auth.changePassword'}
      subtitle={
        forced
          ? translate('tandem.auth.welcome', { name: identity?.fullName ?? 'admin' })
          : translate('tandem.auth.signedInAs', { name: identity?.fullName ?? '…' })
      }
    >
      <Form onSubmit={submit} validate={(values) => validate(values, identity?.fullName ?? '')} noValidate>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {translate(error, { _: error })}
          </Alert>
        ) : null}
        <PasswordInput
          source="currentPassword"
          label={forced ? 'tandem.auth.givenPassword' : 'tandem.auth.currentPassword'}
          autoComplete="current-password"
          validate={required()}
        />
        <PasswordInput
          source="newPassword"
          label="tandem.auth.newPassword"
          autoComplete="new-password"
          helperText={<PasswordRulesHint source="newPassword" username={identity?.fullName ?? ''} />}
        />
        <PasswordInput
          source="confirmPassword"
          label="tandem.auth.repeatTheNewPassword"
          autoComplete="new-password"
        />
        <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
          <Button
            type="submit"
            variant="contained"
            size="large"
            sx={{ flex: 1 }}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : null}
          >
            {translate('tandem.auth.savePassword')}
          </Button>
          {forced ? (
            <Button size="large" onClick={() => logout()}>
              {translate('ra.auth.logout')}
            </Button>
          ) : (
            <Button size="large" onClick={() => redirect('/')}>
              {translate('ra.action.cancel')}
            </Button>
          )}
        </Box>
      </Form>
    </AuthCard>
  );
}
