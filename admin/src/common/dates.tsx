import { Tooltip, Typography } from '@mui/material';
import { type FieldProps, useFieldValue } from 'react-admin';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "in 2 days". */
export function timeAgo(date: Date, now = Date.now()): string {
  let amount = (date.getTime() - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return absolute.format(date);
}

export function formatDateTime(value: string | Date): string {
  return absolute.format(new Date(value));
}

/** A timestamp as "5 minutes ago", the exact time on hover. */
export function TimeAgoField({
  source,
  empty = '—',
  ...props
}: Omit<FieldProps, 'source'> & { source: string; empty?: string }) {
  const value = useFieldValue({ source, ...props });
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  }
  return (
    <Tooltip title={absolute.format(date)}>
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {timeAgo(date)}
      </Typography>
    </Tooltip>
  );
}
