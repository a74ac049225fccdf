import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
import type { ChangePublisher } from '../live/changes.ts';
import {
  type LeaderboardSettings,
  leaderboardSettingsKey,
  leaderboardSettingsOf,
  leaderboardSettingsSchema,
} from './leaderboard-settings.ts';

export interface StoredLeaderboardSettings {
  value: LeaderboardSettings;
  /** 0 while nothing was ever saved (the defaults apply). */
  version: number;
  updatedAt: Date | null;
}

export async function readLeaderboardSettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredLeaderboardSettings> {
  const row = await readSettingsRow(deps.db, leaderboardSettingsKey);
  return { value: leaderboardSettingsOf(row.value), version: row.version, updatedAt: row.updatedAt };
}

const saveSchema = z.object({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves the leaderboard choices over the version the admin opened and announces the `settings`
 * change `leaderboard`. A policy applies to departures from then on and to those already recorded:
 * the boards read it at each request. A `reset` chosen now resets no one banned before.
 */
export async function saveLeaderboardSettings(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  input: z.input<typeof saveSchema>,
): Promise<StoredLeaderboardSettings> {
  const { expectedVersion } = saveSchema.parse(input);
  const settings = parseInput(leaderboardSettingsSchema, input.value ?? {}, 'leaderboard settings');
  const saved = await writeSettingsRow(deps.db, leaderboardSettingsKey, settings, expectedVersion);
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: leaderboardSettingsKey });
  return { value: settings, ...saved };
}
