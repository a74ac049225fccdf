/**
 * The languages Tandem's bots speak, in the order the /language menu offers them. Adding one is a
 * folder of locale files (src/texts/locales/<code>) and its code here: docs/bots.md walks through it.
 */
export const languages = ['en', 'ru'] as const;
export type Language = (typeof languages)[number];

/** Each language named in itself, as a player picking one reads it. */
export const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский' };

/** The language every text falls back to when a translation or an edit cannot be used. */
export const fallbackLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The Tandem language of a client's language tag (Telegram `language_code` such as `ru` or `en-GB`,
 * Discord `locale` such as `ru` or `en-US`), or null when Tandem does not speak it: the player then
 * reads the community's default.
 */
export function languageOfTag(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}
