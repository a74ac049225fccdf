import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { type LanguageSettings, languageSettingsKey, languageSettingsSchema } from './language-settings.ts';
import { languageSettingsOf } from './text-overrides.ts';

export interface StoredLanguageSettings {
  value: LanguageSettings;
  /** 0 while nothing was ever saved (the default applies). */
  version: number;
  updatedAt: Date | null;
}

export async function readLanguageSettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredLanguageSettings> {
  const row = await readSettingsRow(deps.db, languageSettingsKey);
  return { value: languageSettingsOf(row.value), version: row.version, updatedAt: row.updatedAt };
}

const saveSchema = z.object({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves the community's default language over the version the admin opened, then announces the
 * `settings` change `language`: the bots' texts forget their cached default at once.
 */
export async function saveLanguageSettings(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  input: z.input<typeof saveSchema>,
): Promise<StoredLanguageSettings> {
  const { expectedVersion } = saveSchema.parse(input);
  const settings = parseInput(languageSettingsSchema, input.value ?? {}, 'language settings');
  const saved = await writeSettingsRow(deps.db, languageSettingsKey, settings, expectedVersion);
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: languageSettingsKey });
  return { value: settings, ...saved };
}
