import { z } from 'zod';
import type { DiscordIdCheckDeps } from '../core/discord-id-check.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
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

/** With `discordGuild`, role and channel ids the Discord server does not have are refused at save. */
export interface SettingsWriteDeps extends DiscordIdCheckDeps {
  db: Pick<Database, 'pool'>;
  changes: ChangePublisher;
  settings: Pick<SettingsCache, 'invalidate'>;
}

/** The earning rules as the panel shows them: the full value and the version to save against. */
export async function readEconomySettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredEconomySettings> {
  const [value, row] = await Promise.all([
    loadEconomySettings(deps.db),
    readSettingsRow(deps.db, economySettingsKey),
  ]);
  return { value, version: row.version, updatedAt: row.updatedAt };
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
  await refuseIdsNotInServer(deps, settings);
  const saved = await writeSettingsRow(deps.db, economySettingsKey, settings, expectedVersion);
  deps.settings.invalidate();
  await deps.changes.publish({ entity: 'settings', action: 'updated', id: economySettingsKey });
  return { value: settings, ...saved };
}

/**
 * A Telegram chat id (negative for groups, at most 16 digits) can stand among the no-XP channels
 * next to Discord's; only ids of a snowflake's length are looked up in the Discord server.
 */
const discordSnowflake = /^\d{17,20}$/;

/**
 * Refuses role and channel ids the Discord server does not have, per field path, so a typo does not
 * silently leave a rule that never applies. Unchecked while the server cannot be read.
 */
async function refuseIdsNotInServer(deps: DiscordIdCheckDeps, settings: EconomySettings): Promise<void> {
  const ids = deps.discordGuild ? await deps.discordGuild.idsNow() : null;
  if (!ids) return;
  const fields: Record<string, string> = {};
  const check = (path: string, values: readonly string[], problemOf: (id: string) => string | null) => {
    for (const id of values) {
      const problem = problemOf(id);
      if (problem && !(path in fields)) fields[path] = problem;
    }
  };
  check('message.noXpRoleIds', settings.message.noXpRoleIds, (id) => ids.missingRole(id));
  check(
    'message.noXpChannelIds',
    settings.message.noXpChannelIds.filter((id) => discordSnowflake.test(id)),
    (id) => ids.missingChannel(id),
  );
  if (settings.voice.afkChannelId !== null)
    check('voice.afkChannelId', [settings.voice.afkChannelId], (id) => ids.missingChannel(id));
  for (const roleId of Object.keys(settings.roleMultipliers))
    check(`roleMultipliers.${roleId}.roleId`, [roleId], (id) => ids.missingRole(id));
  // Telegram groups stand here too: only Discord's snowflakes are looked up.
  for (const chatId of Object.keys(settings.channelMultipliers).filter((id) => discordSnowflake.test(id)))
    check(`channelMultipliers.${chatId}.chatId`, [chatId], (id) => ids.missingChannel(id));
  if (Object.keys(fields).length === 0) return;
  const summary = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  throw new InvalidChangeError(`Invalid economy settings: ${summary}`, fields);
}
