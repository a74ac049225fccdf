import { Tooltip, Typography } from '@mui/material';
import { type FieldProps, useFieldValue, useLocaleState, useTranslate } from 'react-admin';

/** Dates in the panel's language: English pages write them the British way (6 Dec 2026). */
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);
const relatives = new Map<string, Intl.RelativeTimeFormat>();
const absolutes = new Map<string, Intl.DateTimeFormat>();
function relativeIn(locale: string): Intl.RelativeTimeFormat {
  let format = relatives.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relatives.set(locale, format);
  }
  return format;
}
function absoluteIn(locale: string): Intl.DateTimeFormat {
  let format = absolutes.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'medium' });
    absolutes.set(locale, format);
  }
  return format;
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "in 2 days" ("3 минуты назад"). */
export function timeAgo(date: Date, now = Date.now(), locale = 'en'): string {
  let amount = (date.getTime() - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relativeIn(locale).format(Math.round(amount), unit);
    amount /= size;
  }
  return absoluteIn(locale).format(date);
}

export function formatDateTime(value: string | Date, locale = 'en'): string {
  return absoluteIn(locale).format(new Date(value));
}

/** `formatDateTime` in the panel's current language. */
export function useFormatDateTime(): (value: string | Date) => string {
  const [locale] = useLocaleState();
  return (value) => formatDateTime(value, locale);
}

/** A timestamp as "5 minutes ago", the exact time on hover. */
export function TimeAgoField({
  source,
  empty = '—',
  ...props
}: Omit<FieldProps, 'source'> & { source: string; empty?: string }) {
  const value = useFieldValue({ source, ...props });
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate(empty, { _: empty })}
      </Typography>
    );
  }
  return (
    <Tooltip title={absoluteIn(locale).format(date)}>
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {timeAgo(date, Date.now(), locale)}
      </Typography>
    </Tooltip>
  );
}
