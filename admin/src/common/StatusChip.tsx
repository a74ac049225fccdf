import { Chip, type ChipProps } from '@mui/material';
import { type FieldProps, useFieldValue, useTranslate } from 'react-admin';

type OptionalSourceProps = Omit<FieldProps, 'source'> & { source?: string };

type Tone = NonNullable<ChipProps['color']>;

/** One colour per state across the panel: what needs attention is amber or red, what is done green. */
const tones: Record<string, Tone> = {
  pending: 'warning',
  processing: 'info',
  completed: 'success',
  failed: 'error',
  approved: 'success',
  rejected: 'error',
  held: 'warning',
  declined: 'default',
  active: 'success',
  inactive: 'default',
  admin: 'primary',
  operator: 'secondary',
};

export function StatusChip({ status, size = 'small' }: { status: string; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      label={translate(`tandem.status.${status}`, { _: status.replaceAll('_', ' ') })}
      color={tones[status] ?? 'default'}
      variant={status === 'failed' || status === 'pending' || status === 'held' ? 'filled' : 'outlined'}
      data-status={status}
    />
  );
}

/** The record's status (or any enum field) as a chip. */
export function StatusField({ source = 'status', ...props }: OptionalSourceProps) {
  const value = useFieldValue({ source, ...props });
  if (typeof value !== 'string') return null;
  return <StatusChip status={value} />;
}

/** A boolean `active` column as an Active / Inactive chip. */
export function ActiveField({ source = 'active', ...props }: OptionalSourceProps) {
  const translate = useTranslate();
  const value = useFieldValue({ source, ...props });
  return (
    <Chip
      size="small"
      variant="outlined"
      label={translate(value ? 'tandem.status.active' : 'tandem.status.inactive')}
      color={value ? 'success' : 'default'}
    />
  );
}
