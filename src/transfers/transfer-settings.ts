import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { readSettingsRow, writeSettingsRow } from '../db/settings-row.ts';
import type { ChangePublisher } from '../live/changes.ts';

/** The `settings` row that holds the limits of transfers between players. */
export const transferSettingsKey = 'transfers';

/**
 * The limits of /pay. A daily limit of 0 turns transfers off. The defaults let friends share a
 * reward while keeping a farm of fresh accounts from funnelling coins to one player: at most 1000
 * coins sent a day (UTC), from accounts at least 7 days old.
 */
export const transferSettingsSchema = z.object({
  dailyLimit: z
    .number({ message: 'dailyLimit must be a number of coins' })
    .int('dailyLimit must be a whole number')
    .min(0, 'dailyLimit cannot be negative (0 turns transfers off)')
    .max(1_000_000, 'dailyLimit: at most 1000000')
    .default(1000),
  minAccountAgeDays: z
    .number({ message: 'minAccountAgeDays must be a number of days' })
    .int('minAccountAgeDays must be a whole number')
    .min(0, 'minAccountAgeDays cannot be negative')
    .max(3650, 'minAccountAgeDays: at most 3650')
    .default(7),
});
export type TransferSettings = z.infer<typeof transferSettingsSchema>;

/** The stored value read leniently: a row written by an older Tandem falls back to the defaults. */
export function transferSettingsOf(value: unknown): TransferSettings {
  const parsed = transferSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : transferSettingsSchema.parse({});
}

export interface StoredTransferSettings {
  value: TransferSettings;
  /** 0 while nothing was ever saved (the defaults apply). */
  version: number;
  updatedAt: Date | null;
}

export async function readTransferSettings(deps: {
  db: Pick<Database, 'pool'>;
}): Promise<StoredTransferSettings> {
  const row = await readSettingsRow(deps.db, transferSettingsKey);
  return { value: transferSettingsOf(row.value), version: row.version, updatedAt: row.updatedAt };
}

const saveSchema = z.object({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * Saves the limits over the version the admin opened and announces the `settings` change
 * `transfers`. Transfers read the row at each request, so a new limit applies at once.
 */
export async function saveTransferSettings(
  deps: { db: Pick<Database, 'pool'>; changes?: ChangePublisher },
  input: z.input<typeof saveSchema>,
): Promise<StoredTransferSettings> {
  const { expectedVersion } = parseInput(saveSchema, input, 'transfer settings');
  const settings = parseInput(transferSettingsSchema, input.value ?? {}, 'transfer settings');
  const saved = await writeSettingsRow(deps.db, transferSettingsKey, settings, expectedVersion);
  await deps.changes?.publish({ entity: 'settings', action: 'updated', id: transferSettingsKey });
  return { value: settings, ...saved };
}
