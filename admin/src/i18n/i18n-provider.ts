import polyglotI18nProvider from 'ra-i18n-polyglot';
import { type I18nProvider, resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import { initialLocale, type PanelLocale, panelLocales, panelMessages } from './locales.ts';
import { setNumberLocale } from './number-locale.ts';

/**
 * The panel in English or Russian. The admin's choice is kept by react-admin's store (localStorage),
 * so it survives a reload; before any choice, the browser's language decides. Numbers follow it.
 */
const startLocale = initialLocale(resolveBrowserLocale('en'));
setNumberLocale(startLocale);

const polyglot = polyglotI18nProvider(
  (locale) => (panelMessages[locale as PanelLocale] ?? panelMessages.en) as unknown as TranslationMessages,
  startLocale,
  panelLocales,
  // A key without a message shows its fallback (`_`) or the key itself, quietly.
  { allowMissing: true },
);

export const i18nProvider: I18nProvider = {
  ...polyglot,
  async changeLocale(locale, options) {
    await polyglot.changeLocale(locale, options);
    setNumberLocale(locale);
  },
};
