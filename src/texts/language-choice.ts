import { type Language, languageNames, languageOfTag, languages } from './languages.ts';

/** What a player asked for with /language: one of Tandem's languages, or to follow their client. */
export type LanguageChoice = Language | 'client';

/** The word that means "follow my app" in `/language client` and the buttons' data. */
export const followClient = 'client';

/**
 * Reads `/language <what>`: a code (`ru`, `en-GB`), a language's own name (`Русский`, `english`) or
 * `client`; null when it names nothing Tandem speaks.
 */
export function parseLanguageChoice(typed: string): LanguageChoice | null {
  const word = typed.trim().toLowerCase();
  if (word === followClient) return followClient;
  const byName = languages.find((language) => languageNames[language].toLowerCase() === word);
  return byName ?? languageOfTag(word);
}

/** The codes a player may type, for the answer to one Tandem does not speak. */
export function languageChoicesList(): string {
  return [...languages, followClient].join(', ');
}
