import englishMessages from 'ra-language-english';
import russianMessages from 'ra-language-russian';
import { en } from './en.ts';
import { type MessageTree, mergeMessages } from './messages.ts';
import { ru } from './ru.ts';

/** The panel's languages, as the switcher in the app bar names them. */
export const panelLocales = [
  { locale: 'en', name: 'English' },
  { locale: 'ru', name: 'Русский' },
];
export type PanelLocale = 'en' | 'ru';

const framework = englishMessages as unknown as MessageTree;

/**
 * Every message of each locale: react-admin's own (its Russian pack predates some of react-admin's
 * newer labels, which keep their English until it has them), then Tandem's.
 */
export const panelMessages: Record<PanelLocale, MessageTree> = {
  en: mergeMessages(framework, en),
  ru: mergeMessages(mergeMessages(framework, russianMessages as unknown as MessageTree), ru),
};

/** The browser's language when the panel speaks it, else English. */
export function initialLocale(browserLocale: string): PanelLocale {
  return browserLocale === 'ru' ? 'ru' : 'en';
}
