import { Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import {
  checkNewPassword,
  loadStrengthEstimator,
  minPasswordLength,
  passwordProblem,
  type StrengthEstimator,
} from '../../../src/core/password-policy.ts';

/**
 * The API's password rules, from the very file the API enforces them with, so the panel refuses
 * exactly what the API would. The strength estimator's dictionaries load when a password form opens.
 */
export { checkNewPassword };

/**
 * A react-admin validator: the rule the password breaks, or nothing. `usernameOf` finds the
 * account's username in the form (a new account's) or outside it (the signed-in admin's).
 */
export function strongPassword(usernameOf: (values: Record<string, unknown>) => string | undefined) {
  return async (value: unknown, values: Record<string, unknown>) => {
    if (typeof value !== 'string' || value === '') return undefined;
    return (await checkNewPassword(value, usernameOf(values) ?? '')) ?? undefined;
  };
}

/** The estimator, once its dictionaries arrived; undefined until then (the simple rules still apply). */
function useStrengthEstimator(): StrengthEstimator | undefined {
  const [estimate, setEstimate] = useState<StrengthEstimator>();
  useEffect(() => {
    let open = true;
    loadStrengthEstimator()
      .then((loaded) => {
        if (open) setEstimate(() => loaded);
      })
      .catch(() => {
        // Offline for a moment: the simple rules show, and the API checks strength on save.
      });
    return () => {
      open = false;
    };
  }, []);
  return estimate;
}

/**
 * Says, as the password is typed, why it would be refused, or that it will do. Shown as the
 * field's helper text; `username` is the account's (a field of the form, or a fixed name).
 */
export function PasswordRulesHint({
  source,
  username,
  usernameSource,
  emptyText,
}: {
  source: string;
  username?: string;
  usernameSource?: string;
  emptyText?: string;
}) {
  const translate = useTranslate();
  const estimate = useStrengthEstimator();
  const password = useWatch({ name: source }) as string | undefined;
  const typedUsername = useWatch({ name: usernameSource ?? source }) as string | undefined;
  const name = username ?? (usernameSource ? typedUsername : '') ?? '';
  const problem = password ? passwordProblem(password, name, estimate) : null;
  const [text, color] = !password
    ? [emptyText ?? translate('tandem.auth.passwordRule', { min: minPasswordLength }), undefined]
    : problem
      ? [problem, 'warning.main']
      : [estimate ? 'tandem.auth.hardEnough' : 'tandem.auth.checkingStrength', 'success.main'];
  return (
    <Typography component="span" variant="caption" color={color} data-password-hint={source}>
      {text ? translate(text, { _: text }) : text}
    </Typography>
  );
}
