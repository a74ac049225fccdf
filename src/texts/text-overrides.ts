import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { type LanguageSettings, languageSettingsKey, languageSettingsSchema } from './language-settings.ts';
import { isLanguage, type Language } from './languages.ts';

/** The community's edits of the shipped texts and its default language, as the bots use them. */
export interface CommunityTexts {
  /** Edited templates by language, then key. */
  overrides: ReadonlyMap<Language, ReadonlyMap<string, string>>;
  defaultLanguage: Language;
}

/**
 * Reads every edit at once: a community edits tens of texts, not thousands, and the bots need all
 * of them for every reply. A stored row for a language Tandem no longer speaks is ignored.
 */
export async function loadCommunityTexts(
  db: Pick<Database, 'pool'>,
  logger?: Pick<Logger, 'warn'>,
): Promise<CommunityTexts> {
  const [edits, settings] = await Promise.all([
    db.pool.query<{ key: string; language: string; template: string }>(
      'SELECT key, language, template FROM text_overrides',
    ),
    db.pool.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [languageSettingsKey]),
  ]);
  const overrides = new Map<Language, Map<string, string>>();
  for (const row of edits.rows) {
    if (!isLanguage(row.language)) continue;
    const byKey = overrides.get(row.language) ?? new Map<string, string>();
    overrides.set(row.language, byKey.set(row.key, row.template));
  }
  return { overrides, defaultLanguage: languageSettingsOf(settings.rows[0]?.value, logger).defaultLanguage };
}

/** Stored settings that no longer parse (edited by hand) fall back to the defaults, like the economy's. */
export function languageSettingsOf(value: unknown, logger?: Pick<Logger, 'warn'>): LanguageSettings {
  const parsed = languageSettingsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  logger?.warn({ issues: parsed.error.issues }, 'stored language settings are invalid: using the defaults');
  return languageSettingsSchema.parse({});
}
