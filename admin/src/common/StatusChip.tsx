import { Chip, type ChipProps } from '@mui/material';
import { type FieldProps, useFieldValue } from 'react-admin';

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

const labels: Record<string, string> = {
  held: 'Held',
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
  approved: 'Approved',
  rejected: 'Rejected',
  declined: 'Declined',
  admin: 'Admin',
  operator: 'Operator',
};

export function StatusChip({ status, size = 'small' }: { status: string; size?: ChipProps['size'] }) {
  return (
    <Chip
      size={size}
      label={labels[status] ?? status.replaceAll('_', ' ')}
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
  const value = useFieldValue({ source, ...props });
  return (
    <Chip
      size="small"
      variant="outlined"
      label={value ? 'Active' : 'Inactive'}
      color={value ? 'success' : 'default'}
    />
  );
}
