import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
import type { ChangePublisher } from '../live/changes.ts';
import {
  type AnnouncementSettings,
  announcementSettingsKey,
  announcementSettingsOf,
  announcementSettingsSchema,
} from './announcement-settings.ts';

export interface StoredAnnouncementSettings {
  value: AnnouncementSettings;
  /** 0 while nothing was ever saved (the defaults apply: DMs only). */
  version: number;
  updatedAt: Date | null;
}

/** Read when an event is announced (rank-ups are rare enough that a cache would only go stale). */
export async function readAnnouncementSettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredAnnouncementSettings> {
  const row = await readSettingsRow(deps.db, announcementSettingsKey);
  return { value: announcementSettingsOf(row.value), version: row.version, updatedAt: row.updatedAt };
}

const saveSchema = z.object({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves where rank-ups and achievements are announced, over the version the admin opened. Input that
 * does not fit names each field (`rankUp.fromRank: must be 1 or more`) and nothing is written.
 */
export async function saveAnnouncementSettings(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  input: z.input<typeof saveSchema>,
): Promise<StoredAnnouncementSettings> {
  const { expectedVersion } = saveSchema.parse(input);
  const settings = parseInput(announcementSettingsSchema, input.value ?? {}, 'announcement settings');
  const saved = await writeSettingsRow(deps.db, announcementSettingsKey, settings, expectedVersion);
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: announcementSettingsKey });
  return { value: settings, ...saved };
}
