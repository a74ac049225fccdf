/**
 * The locale numbers are written in (1,250 in English, 1 250 in Russian): the panel's language,
 * set by the i18n provider when it starts and whenever the admin switches. Pages re-render on a
 * switch, so each number is written anew.
 */
let current = 'en-US';
const formats = new Map<string, Intl.NumberFormat>();

export function setNumberLocale(locale: string): void {
  current = locale === 'en' ? 'en-US' : locale;
}

export function numberFormat(): Intl.NumberFormat {
  let format = formats.get(current);
  if (!format) {
    format = new Intl.NumberFormat(current);
    formats.set(current, format);
  }
  return format;
}
