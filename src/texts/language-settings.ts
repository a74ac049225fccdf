import { z } from 'zod';
import { languages } from './languages.ts';

/** The `settings` row that holds the community's language choices. */
export const languageSettingsKey = 'language';

/**
 * What the community speaks by default: the language of a player who has not chosen one and whose
 * client reports none Tandem speaks, and of the texts the panel shows first.
 */
export const languageSettingsSchema = z.object({
  defaultLanguage: z
    .enum(languages, { message: `defaultLanguage must be one of ${languages.join(', ')}` })
    .default('en'),
});
export type LanguageSettings = z.infer<typeof languageSettingsSchema>;
