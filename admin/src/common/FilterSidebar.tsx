import { Card, CardContent } from '@mui/material';
import type { ReactNode } from 'react';
import { FilterList, FilterListItem } from 'react-admin';

/** A list's left-hand quick filters (one click per value), on a card like the list. */
export function FilterSidebar({ children }: { children: ReactNode }) {
  return (
    <Card sx={{ order: -1, mr: 2, mt: 8, width: 210, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
      <CardContent sx={{ pt: 1 }}>{children}</CardContent>
    </Card>
  );
}

/** One group of quick filters over an enum field. */
export function ChoiceFilter({
  label,
  icon,
  source,
  choices,
}: {
  label: string;
  icon: ReactNode;
  source: string;
  choices: { id: string; name: string }[];
}) {
  return (
    <FilterList label={label} icon={icon}>
      {choices.map((choice) => (
        <FilterListItem key={choice.id} label={choice.name} value={{ [source]: choice.id }} />
      ))}
    </FilterList>
  );
}
