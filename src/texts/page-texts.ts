import { IntlMessageFormat } from 'intl-messageformat';
import { type Language, languages } from './languages.ts';
import enPages from './locales/en/pages.json' with { type: 'json' };
import ruPages from './locales/ru/pages.json' with { type: 'json' };
import { parseTemplate } from './template.ts';

/**
 * The words of Tandem's web pages for players (the public board at /leaderboard, the Telegram Mini
 * App), from the `pages.json` locale files. They are not bot texts: a community does not edit them in
 * the panel, so they stay out of `defaultTexts` and its overrides. English has every key; every
 * other language has the same keys and placeholders, which test/texts checks.
 */
const english = enPages;

/** The name of one web-page text, e.g. `page.board.title`. */
export type PageTextKey = keyof typeof english;

export const pageTexts: Record<Language, Readonly<Record<string, string>>> = { en: english, ru: ruPages };

export const pageTextKeys = Object.keys(english) as PageTextKey[];

/** A value a page text inserts; numbers are written in the reader's language. */
export type PageTextValue = string | number;

const compiled = new Map<string, IntlMessageFormat>();

/** One page text in a language, its placeholders filled (ICU MessageFormat, as the bot texts are). */
export function pageText(
  language: Language,
  key: PageTextKey,
  values: Record<string, PageTextValue> = {},
): string {
  const cacheKey = `${language}\u0000${key}`;
  let formatter = compiled.get(cacheKey);
  if (!formatter) {
    const source = pageTexts[language][key] ?? english[key];
    formatter = new IntlMessageFormat(parseTemplate(source), language);
    compiled.set(cacheKey, formatter);
  }
  return String(formatter.format(values));
}

/**
 * Every text of one page (keys under `page.<name>.`, named without that prefix) in every language,
 * as the locale files hold them: for a page whose script formats them in the browser.
 */
export function pageTextsOf(name: string): Record<Language, Record<string, string>> {
  const prefix = `page.${name}.`;
  const of = (language: Language) =>
    Object.fromEntries(
      pageTextKeys
        .filter((key) => key.startsWith(prefix))
        .map((key) => [key.slice(prefix.length), pageTexts[language][key] ?? english[key]]),
    );
  return Object.fromEntries(languages.map((language) => [language, of(language)])) as Record<
    Language,
    Record<string, string>
  >;
}
