import polyglotI18nProvider from 'ra-i18n-polyglot';
import { resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import { initialLocale, type PanelLocale, panelLocales, panelMessages } from './locales.ts';

/**
 * The panel in English or Russian. The admin's choice is kept by react-admin's store (localStorage),
 * so it survives a reload; before any choice, the browser's language decides.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (panelMessages[locale as PanelLocale] ?? panelMessages.en) as unknown as TranslationMessages,
  initialLocale(resolveBrowserLocale('en')),
  panelLocales,
  // A key without a message shows its fallback (`_`) or the key itself, quietly.
  { allowMissing: true },
);
