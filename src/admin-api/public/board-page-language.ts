import { fallbackLanguage, type Language, languageOfTag } from '../../texts/languages.ts';

/**
 * The public board page's language: `?lang=` when Tandem speaks it, else the first language of the
 * browser's Accept-Language that it speaks (in the order given; weights are in that order in
 * practice), else the fallback.
 */
export function boardPageLanguage(lang: unknown, acceptLanguage: string | undefined): Language {
  const asked = typeof lang === 'string' ? languageOfTag(lang) : null;
  if (asked) return asked;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const spoken = languageOfTag(part.split(';')[0]);
    if (spoken) return spoken;
  }
  return fallbackLanguage;
}
