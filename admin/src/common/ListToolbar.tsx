import type { ReactNode } from 'react';
import { CreateButton, ExportButton, FilterButton, TopToolbar } from 'react-admin';

/** A list's top-right actions: filters, create (hidden without the right), export, then extras. */
export function ListToolbar({ create = false, children }: { create?: boolean; children?: ReactNode }) {
  return (
    <TopToolbar>
      <FilterButton />
      {create ? <CreateButton variant="contained" /> : null}
      {children}
      <ExportButton />
    </TopToolbar>
  );
}
