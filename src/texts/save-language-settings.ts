import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import type { Database } from '../db/database.ts';
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
  const { rows } = await deps.db.pool.query<{ value: unknown; version: number; updated_at: Date }>(
    'SELECT value, version, updated_at FROM settings WHERE key = $1',
    [languageSettingsKey],
  );
  const row = rows[0];
  return {
    value: languageSettingsOf(row?.value),
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
  };
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
  const value = JSON.stringify(settings);
  const { rows } = await deps.db.pool.query<{ version: number; updated_at: Date }>(
    writeSql(expectedVersion),
    expectedVersion ? [languageSettingsKey, value, expectedVersion] : [languageSettingsKey, value],
  );
  const saved = rows[0];
  if (!saved) {
    const now = (await readLanguageSettings(deps)).version;
    throw new VersionConflictError('setting', languageSettingsKey, expectedVersion ?? now, now);
  }
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: languageSettingsKey });
  return { value: settings, version: saved.version, updatedAt: saved.updated_at };
}

function writeSql(expectedVersion: number | undefined): string {
  if (expectedVersion === undefined) {
    return `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1,
                                            updated_at = now()
            RETURNING version, updated_at`;
  }
  if (expectedVersion === 0) {
    return `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING
            RETURNING version, updated_at`;
  }
  return `UPDATE settings SET value = $2::jsonb, version = version + 1, updated_at = now()
           WHERE key = $1 AND version = $3 RETURNING version, updated_at`;
}
