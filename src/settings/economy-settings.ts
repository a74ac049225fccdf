import type { Database } from '../db/database.ts';
import { type EconomySettings, economySettingsSchema } from '../economy/earning-rules.ts';
import type { Logger } from '../logging/logger.ts';

/** The `settings` row that holds the earning rules (see economySettingsSchema for every field). */
export const economySettingsKey = 'economy';

/**
 * The earning rules as stored by admins, defaults filling what is unset. A stored value that no
 * longer parses (edited by hand in the database) falls back to the defaults rather than stopping
 * every bot; the admin API refuses such values, so this only happens behind its back.
 */
export async function loadEconomySettings(
  db: Pick<Database, 'pool'>,
  logger?: Pick<Logger, 'warn'>,
): Promise<EconomySettings> {
  const { rows } = await db.pool.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [
    economySettingsKey,
  ]);
  const parsed = economySettingsSchema.safeParse(rows[0]?.value ?? {});
  if (parsed.success) return parsed.data;
  logger?.warn({ issues: parsed.error.issues }, 'stored economy settings are invalid: using the defaults');
  return economySettingsSchema.parse({});
}
