import TollIcon from '@mui/icons-material/Toll';
import { Box, Chip } from '@mui/material';
import { type FieldProps, useFieldValue, useTranslate } from 'react-admin';
import { numberFormat } from '../i18n/number-locale.ts';

type OptionalSourceProps = Omit<FieldProps, 'source'> & { source?: string };

export function formatNumber(value: number): string {
  return numberFormat().format(value);
}

/** +15, −20, 0: a delta with its sign (a true minus sign, so columns align). */
export function formatDelta(value: number): string {
  if (value > 0) return `+${numberFormat().format(value)}`;
  if (value < 0) return `−${numberFormat().format(-value)}`;
  return '0';
}

/** XP, right-aligned by the column, as "1,250 XP". */
export function XpField({ source = 'xp', ...props }: OptionalSourceProps) {
  const value = useFieldValue({ source, ...props });
  if (typeof value !== 'number') return null;
  return (
    <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
      {formatNumber(value)}
      <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400, ml: 0.5 }}>
        XP
      </Box>
    </Box>
  );
}

/** Coins with a coin icon. */
export function CoinsField({ source = 'balance', ...props }: OptionalSourceProps) {
  const value = useFieldValue({ source, ...props });
  if (typeof value !== 'number') return null;
  return <Coins value={value} />;
}

export function Coins({ value }: { value: number }) {
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontVariantNumeric: 'tabular-nums' }}
    >
      <TollIcon sx={{ fontSize: 16, color: 'warning.main' }} />
      {formatNumber(value)}
    </Box>
  );
}

/** A ledger delta: green when it adds, red when it takes, grey when zero. */
export function DeltaField({
  source,
  unit,
  ...props
}: Omit<FieldProps, 'source'> & { source: string; unit?: string }) {
  const value = useFieldValue({ source, ...props });
  if (typeof value !== 'number') return null;
  const color = value > 0 ? 'success.main' : value < 0 ? 'error.main' : 'text.disabled';
  return (
    <Box component="span" sx={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
      {formatDelta(value)}
      {unit && value !== 0 ? ` ${unit}` : ''}
    </Box>
  );
}

/** A rank name as a chip; "Unranked" below every rank. */
export function RankChip({ name }: { name?: string | null }) {
  const translate = useTranslate();
  return name ? (
    <Chip size="small" label={name} color="primary" variant="outlined" />
  ) : (
    <Chip size="small" label={translate('tandem.common.unranked')} variant="outlined" />
  );
}
