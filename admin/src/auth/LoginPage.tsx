import { Alert, Button, CircularProgress } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Form,
  PasswordInput,
  required,
  TextInput,
  useCheckAuth,
  useLogin,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { AuthCard } from './AuthCard.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Sign-in for admins and operators; the API's answer (wrong password, too many tries) shows inline. */
export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkAuth = useCheckAuth();
  const redirect = useRedirect();

  // Already signed in (an old tab, a bookmark): straight to the panel.
  useEffect(() => {
    checkAuth({}, false)
      .then(() => redirect('/'))
      .catch(() => {});
  }, [checkAuth, redirect]);

  const submit = async (values: Partial<Credentials>) => {
    setBusy(true);
    setError(null);
    try {
      await login({ username: values.username?.trim() ?? '', password: values.password ?? '' });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : translate('tandem.auth.signInFailed'));
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Tandem" subtitle="tandem.auth.signInToRun">
      <Form onSubmit={submit} noValidate>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {translate(error, { _: error })}
          </Alert>
        ) : null}
        <TextInput
          source="username"
          label="tandem.auth.username"
          autoComplete="username"
          autoFocus
          validate={required()}
        />
        <PasswordInput
          source="password"
          label="tandem.auth.password"
          autoComplete="current-password"
          validate={required()}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          fullWidth
          disabled={busy}
          sx={{ mt: 2 }}
          startIcon={busy ? <CircularProgress size={18} color="inherit" /> : null}
        >
          {translate('ra.auth.sign_in')}
        </Button>
      </Form>
    </AuthCard>
  );
}
