import { VersionConflictError } from '../core/versioned-write.ts';
import type { Database } from './database.ts';

/** One row of `settings` as stored: a JSON value and the version an admin saves against. */
export interface SettingsRow {
  value: unknown;
  /** 0 while nothing was ever saved (the defaults apply). */
  version: number;
  updatedAt: Date | null;
}

export async function readSettingsRow(db: Pick<Database, 'pool'>, key: string): Promise<SettingsRow> {
  const { rows } = await db.pool.query<{ value: unknown; version: number; updated_at: Date }>(
    'SELECT value, version, updated_at FROM settings WHERE key = $1',
    [key],
  );
  const row = rows[0];
  return { value: row?.value, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null };
}

/**
 * Stores a settings row (already validated by its owner) in one conditional write on the version
 * the admin opened: 0 means "never saved", so only the first save of all may create the row;
 * omitted, the save applies whatever the version. A lost race is a VersionConflictError.
 */
export async function writeSettingsRow(
  db: Pick<Database, 'pool'>,
  key: string,
  value: unknown,
  expectedVersion: number | undefined,
): Promise<{ version: number; updatedAt: Date }> {
  const json = JSON.stringify(value);
  const { rows } = await db.pool.query<{ version: number; updated_at: Date }>(
    writeSql(expectedVersion),
    expectedVersion === undefined || expectedVersion === 0 ? [key, json] : [key, json, expectedVersion],
  );
  const saved = rows[0];
  if (!saved) {
    const now = (await readSettingsRow(db, key)).version;
    throw new VersionConflictError('setting', key, expectedVersion ?? now, now);
  }
  return { version: saved.version, updatedAt: saved.updated_at };
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
