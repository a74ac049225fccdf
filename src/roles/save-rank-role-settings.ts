import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import {
  type RankRoleSettings,
  rankRoleSettingsKey,
  rankRoleSettingsOf,
  rankRoleSettingsSchema,
} from './rank-role-settings.ts';

export interface StoredRankRoleSettings {
  value: RankRoleSettings;
  /** 0 while nothing was ever saved (the default applies). */
  version: number;
  updatedAt: Date | null;
}

export async function readRankRoleSettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredRankRoleSettings> {
  const row = await readSettingsRow(deps.db, rankRoleSettingsKey);
  return { value: rankRoleSettingsOf(row.value), version: row.version, updatedAt: row.updatedAt };
}

const saveSchema = z.object({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves how rank roles are given (replace or stack) over the version the admin opened. A switch of
 * mode queues a reconcile run at once: its roles pass finds every member still in the old mode's
 * shape and re-applies their rank roles through the platform queue, which paces the Discord writes
 * (a guild of thousands is brought in line over minutes, not in a burst). Should Redis be away, the
 * save stands and the next scheduled reconcile does the same.
 */
export async function saveRankRoleSettings(
  deps: {
    db: Pick<Database, 'pool'>;
    changes: ChangePublisher;
    /** Brings every member in line with a new mode (the API queues a reconcile run); named by the saved version. */
    refreshMembers: (savedVersion: number) => Promise<void>;
    logger: Pick<Logger, 'warn'>;
  },
  input: z.input<typeof saveSchema>,
): Promise<StoredRankRoleSettings & { refreshQueued: boolean }> {
  const { expectedVersion } = saveSchema.parse(input);
  const settings = parseInput(rankRoleSettingsSchema, input.value ?? {}, 'rank role settings');
  const before = await readRankRoleSettings(deps);
  const saved = await writeSettingsRow(deps.db, rankRoleSettingsKey, settings, expectedVersion);
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: rankRoleSettingsKey });
  let refreshQueued = false;
  if (before.value.mode !== settings.mode) {
    try {
      await deps.refreshMembers(saved.version);
      refreshQueued = true;
    } catch (error) {
      deps.logger.warn({ err: error }, 'rank role mode switched: the next scheduled reconcile applies it');
    }
  }
  return { value: settings, ...saved, refreshQueued };
}
