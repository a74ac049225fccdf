import type { ReactNode } from 'react';
import { CheckForApplicationUpdate, Layout } from 'react-admin';
import { MustChangePassword } from '../auth/MustChangePassword.tsx';
import { LiveUpdates } from '../live/LiveUpdates.tsx';
import { TandemAppBar } from './TandemAppBar.tsx';
import { TandemMenu } from './TandemMenu.tsx';

/** The signed-in frame: app bar, grouped menu, the live connection, and the first-password check. */
export function TandemLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={TandemAppBar} menu={TandemMenu}>
      <MustChangePassword />
      <LiveUpdates />
      {children}
      <CheckForApplicationUpdate interval={5 * 60_000} />
    </Layout>
  );
}
