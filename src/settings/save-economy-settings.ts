import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import type { Database } from '../db/database.ts';
import { type EconomySettings, economySettingsSchema } from '../economy/earning-rules.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { economySettingsKey, loadEconomySettings } from './economy-settings.ts';
import type { SettingsCache } from './settings-cache.ts';

export interface StoredEconomySettings {
  /** Every rule, defaults filling what was never set. */
  value: EconomySettings;
  /** 0 while nothing was ever saved (the defaults apply). */
  version: number;
  updatedAt: Date | null;
}

export interface SettingsWriteDeps {
  db: Pick<Database, 'pool'>;
  changes: ChangePublisher;
  settings: Pick<SettingsCache, 'invalidate'>;
}

/** The earning rules as the panel shows them: the full value and the version to save against. */
export async function readEconomySettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredEconomySettings> {
  const [value, { rows }] = await Promise.all([
    loadEconomySettings(deps.db),
    deps.db.pool.query<{ version: number; updated_at: Date }>(
      'SELECT version, updated_at FROM settings WHERE key = $1',
      [economySettingsKey],
    ),
  ]);
  return { value, version: rows[0]?.version ?? 0, updatedAt: rows[0]?.updated_at ?? null };
}

const saveSchema = z.object({
  value: z.unknown(),
  /** The version the admin opened (0: never saved). Omitted, the save applies whatever the version. */
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves the earning rules, validated by their schema (a bad field is refused with its path, e.g.
 * `message.minXp`, and nothing is written). The value stored is the parsed one, defaults included, so
 * what the bots read is what the admin saw. One conditional write on the version; then this
 * process's cache is dropped and every bot is told.
 */
export async function saveEconomySettings(
  deps: SettingsWriteDeps,
  input: z.input<typeof saveSchema>,
): Promise<StoredEconomySettings> {
  const { expectedVersion } = saveSchema.parse(input);
  const settings = parseInput(economySettingsSchema, input.value ?? {}, 'economy settings');
  const value = JSON.stringify(settings);
  const { rows } = await deps.db.pool.query<{ version: number; updated_at: Date }>(
    writeSql(expectedVersion),
    expectedVersion === undefined || expectedVersion === 0
      ? [economySettingsKey, value]
      : [economySettingsKey, value, expectedVersion],
  );
  const saved = rows[0];
  if (!saved) {
    const current = await deps.db.pool.query<{ version: number }>(
      'SELECT version FROM settings WHERE key = $1',
      [economySettingsKey],
    );
    const now = current.rows[0]?.version ?? 0;
    throw new VersionConflictError('setting', economySettingsKey, expectedVersion ?? now, now);
  }
  deps.settings.invalidate();
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: economySettingsKey });
  return { value: settings, version: saved.version, updatedAt: saved.updated_at };
}

function writeSql(expectedVersion: number | undefined): string {
  if (expectedVersion === undefined) {
    return `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1,
                                            updated_at = now()
            RETURNING version, updated_at`;
  }
  // Version 0 is "never saved": only the first save of all may create the row.
  if (expectedVersion === 0) {
    return `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING
            RETURNING version, updated_at`;
  }
  return `UPDATE settings SET value = $2::jsonb, version = version + 1, updated_at = now()
           WHERE key = $1 AND version = $3 RETURNING version, updated_at`;
}
