import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';

/** The `settings` row that says how rank roles are given on Discord. */
export const rankRoleSettingsKey = 'rank-roles';

export const rankRoleModes = ['replace', 'stack'] as const;
/**
 * `replace`: a member holds only the role of their current rank (each rank-up swaps it).
 * `stack`: a member holds the roles of every rank up to and including their current one.
 */
export type RankRoleMode = (typeof rankRoleModes)[number];

export const rankRoleSettingsSchema = z.object({
  /** @defaultValue `replace` (what Tandem always did) */
  mode: z
    .enum(rankRoleModes, { message: `mode must be one of ${rankRoleModes.join(', ')}` })
    .default('replace'),
});
export type RankRoleSettings = z.infer<typeof rankRoleSettingsSchema>;

/** Stored settings that no longer parse (edited by hand) fall back to the defaults, like the others. */
export function rankRoleSettingsOf(value: unknown, logger?: Pick<Logger, 'warn'>): RankRoleSettings {
  const parsed = rankRoleSettingsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  logger?.warn({ issues: parsed.error.issues }, 'stored rank role settings are invalid: using the defaults');
  return rankRoleSettingsSchema.parse({});
}

/**
 * The mode as stored now. Read fresh by each projection and drift check rather than cached: rank
 * changes are rare next to messages, and a refresh after a switch must never project the old mode.
 */
export async function loadRankRoleMode(
  db: Pick<Database, 'pool'>,
  logger?: Pick<Logger, 'warn'>,
): Promise<RankRoleMode> {
  const { rows } = await db.pool.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [
    rankRoleSettingsKey,
  ]);
  return rankRoleSettingsOf(rows[0]?.value, logger).mode;
}
