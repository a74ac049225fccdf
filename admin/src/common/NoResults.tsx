import { Button } from '@mui/material';
import type { ReactNode } from 'react';
import { useListContext, useTranslate } from 'react-admin';
import { EmptyState } from './EmptyState.tsx';

/** What a filtered list says when nothing matches, with a way back to everything. */
export function NoResults({
  icon,
  title,
  children,
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  return (
    <EmptyState icon={icon} title={title}>
      {typeof children === 'string' ? translate(children, { _: children }) : children}
      {filtered ? (
        <Button size="small" sx={{ display: 'block', mx: 'auto', mt: 1 }} onClick={() => setFilters({}, [])}>
          {translate('tandem.common.showAll')}
        </Button>
      ) : null}
    </EmptyState>
  );
}
