import { useEffect } from 'react';
import { useGetIdentity, useRedirect } from 'react-admin';
import { changePasswordPath } from './auth-provider.ts';

/** Sends an admin who still has a password someone else knows (generated, or set by another admin) to choose their own first. */
export function MustChangePassword() {
  const { identity } = useGetIdentity();
  const redirect = useRedirect();
  const mustChange = identity?.mustChangePassword === true;
  useEffect(() => {
    if (mustChange) redirect(changePasswordPath);
  }, [mustChange, redirect]);
  return null;
}
