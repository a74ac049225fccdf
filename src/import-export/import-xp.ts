import { createHash } from 'node:crypto';
import { InsufficientBalanceError, NegativeXpError } from '../core/errors.ts';
import type { Platform } from '../core/platforms.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import { maxDeltaPerEvent } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { resolvePlayer } from '../linking/identities.ts';
import type { ChangePublisher, EntityChange } from '../live/changes.ts';
import type { ImportFormat, ImportRow } from './import-rows.ts';
import { parseImportFile } from './parse-import-file.ts';

/** The ledger reason of imported totals: quiet (no notice to each player). */
export const importReason = 'import';

export type ImportMode = 'add' | 'replace';

export interface RowOutcome {
  where: string;
  /** `unchanged`: the row's totals are the player's already (a replace with equal totals). */
  status: 'imported' | 'already_imported' | 'unchanged' | 'refused';
  playerId?: string;
  /** Who the row is: the file's ids and name. */
  discordId?: string;
  telegramId?: string;
  username?: string;
  /** The known player's name in Tandem (the file's may differ). */
  playerName?: string;
  created?: boolean;
  /** Identities an existing player gains from the row. */
  newIdentities?: Platform[];
  reason?: string;
  xp?: { before: number; after: number };
  coins?: { before: number; after: number };
}

export interface ImportTotals {
  newPlayers: number;
  newIdentities: number;
  /** The XP and coins the import moves, summed over its rows (negative where replace lowers). */
  xp: number;
  coins: number;
}

export interface ImportReport {
  rows: RowOutcome[];
  counts: Record<RowOutcome['status'], number>;
  totals: ImportTotals;
}

type Deps = {
  db: Database;
  engine: Pick<Engine, 'transaction'>;
  /** Where each player's change is announced (admin pages, bot caches). @defaultValue none */
  changes?: ChangePublisher;
};

export interface ImportInput {
  format: ImportFormat;
  text: string;
  mode?: ImportMode;
  dryRun?: boolean;
  /** Kept with each ledger row (who imported, from which file); not part of the keys. */
  admin?: string;
  fileName?: string;
}

/**
 * Imports a file's totals: the whole file is checked first (a bad row refuses it, nothing written),
 * then each row is recorded through the ledger under a key of the file's content hash, the mode and
 * the row's place, so the same file imported again changes nothing.
 */
export async function importXp(deps: Deps, input: ImportInput): Promise<ImportReport> {
  const rows = parseImportFile(input.format, input.text);
  const mode = input.mode ?? 'add';
  const fileHash = createHash('sha256').update(input.text).digest('hex').slice(0, 16);
  const metadata = {
    mode,
    ...(input.admin ? { admin: input.admin } : {}),
    ...(input.fileName ? { file: input.fileName } : {}),
  };
  const outcomes: RowOutcome[] = [];
  const seen = new Map<string, string>();
  for (const [index, row] of rows.entries()) {
    const who = { discordId: row.discordId, telegramId: row.telegramId, username: row.username };
    // A player twice in one file would be counted twice (add) or twice replaced: the first row stands.
    const earlier = repeatOf(seen, row);
    if (earlier) {
      outcomes.push({ where: row.where, status: 'refused', ...who, reason: earlier });
      continue;
    }
    const entity = `import.${fileHash}.${mode}.${index}`;
    const outcome = await importRow(deps, row, entity, mode, !!input.dryRun, metadata);
    outcomes.push({ ...who, ...outcome });
  }
  const counts = { imported: 0, already_imported: 0, unchanged: 0, refused: 0 };
  const totals: ImportTotals = { newPlayers: 0, newIdentities: 0, xp: 0, coins: 0 };
  for (const o of outcomes) {
    counts[o.status]++;
    if (o.status !== 'imported') continue;
    if (o.created) totals.newPlayers++;
    totals.newIdentities += o.newIdentities?.length ?? 0;
    totals.xp += (o.xp?.after ?? 0) - (o.xp?.before ?? 0);
    totals.coins += (o.coins?.after ?? 0) - (o.coins?.before ?? 0);
  }
  return { rows: outcomes, counts, totals };
}

/** Why a row repeats an earlier row's player, or null the first time its ids are seen. */
function repeatOf(seen: Map<string, string>, row: ImportRow): string | null {
  const keys = [
    row.discordId ? `discord id ${row.discordId}` : null,
    row.telegramId ? `telegram id ${row.telegramId}` : null,
  ].filter((k) => k !== null);
  for (const key of keys) {
    const where = seen.get(key);
    if (where) return `${key} is already at ${where} of this file; a player is imported once`;
  }
  for (const key of keys) seen.set(key, row.where);
  return null;
}

async function importRow(
  deps: Deps,
  row: ImportRow,
  entity: string,
  mode: ImportMode,
  dryRun: boolean,
  fileMetadata: Record<string, string>,
): Promise<RowOutcome> {
  const ids = [
    row.discordId ? { platform: 'discord' as const, platformUserId: row.discordId } : null,
    row.telegramId ? { platform: 'telegram' as const, platformUserId: row.telegramId } : null,
  ].filter((i) => i !== null);
  const owners = await Promise.all(ids.map((i) => ownerOf(deps.db, i.platform, i.platformUserId)));
  const existing = [...new Set(owners.filter((o) => o !== null))];
  if (existing.length > 1)
    return {
      where: row.where,
      status: 'refused',
      reason: `Discord ${row.discordId} and Telegram ${row.telegramId} belong to two different players; link or merge them in Tandem first`,
    };
  let playerId = existing[0];
  // A player holds one identity a platform: a row giving them a second one is not theirs to add.
  for (const [i, identity] of ids.entries()) {
    if (owners[i] || !playerId) continue;
    const other = await identityOf(deps.db, playerId, identity.platform);
    if (other)
      return {
        where: row.where,
        status: 'refused',
        reason: `the player with ${ids[1 - i]!.platform} id ${ids[1 - i]!.platformUserId} already has ${identity.platform} id ${other}, not ${identity.platformUserId}`,
      };
  }
  const before = playerId ? await totalsOf(deps.db, playerId) : { xp: 0, balance: 0 };
  const xpDelta = mode === 'add' ? row.xp : row.xp - before.xp;
  const coinDelta = mode === 'add' ? row.coins : row.coins - before.balance;
  // The first entry of a total keeps the plain key; a total split over several entries numbers the rest.
  const keyOf = (id: string, total: 'xp' | 'coins', n = 0) =>
    buildIdempotencyKey({
      source: 'admin',
      action: 'import',
      entity: n === 0 ? `${entity}.${total}` : `${entity}.${total}.${n}`,
      playerId: id,
    });
  const keys = (id: string) => ({ xp: keyOf(id, 'xp'), coins: keyOf(id, 'coins') });
  if (playerId && (await alreadyImported(deps.db, Object.values(keys(playerId)))))
    return { where: row.where, status: 'already_imported', playerId };
  const change = {
    ...(before.name ? { playerName: before.name } : {}),
    xp: { before: before.xp, after: before.xp + xpDelta },
    coins: { before: before.balance, after: before.balance + coinDelta },
  };
  const newIdentities = playerId ? ids.filter((_, i) => !owners[i]).map((i) => i.platform) : [];
  if (playerId && xpDelta === 0 && coinDelta === 0 && newIdentities.length === 0)
    return { where: row.where, status: 'unchanged', playerId, ...change };
  if (dryRun) {
    const gains = newIdentities.length > 0 ? { newIdentities } : {};
    return { where: row.where, status: 'imported', playerId, created: !playerId, ...gains, ...change };
  }

  let created = false;
  const gained: Platform[] = [];
  for (const [i, identity] of ids.entries()) {
    if (owners[i]) continue;
    if (!playerId) {
      const resolved = await resolvePlayer(deps.db, { ...identity, username: row.username });
      playerId = resolved.playerId;
      created = resolved.created;
    } else {
      const added = await deps.db.pool.query(
        `INSERT INTO identities (player_id, platform, platform_user_id, username)
         VALUES ($1, $2::"Platform", $3, $4) ON CONFLICT DO NOTHING`,
        [playerId, identity.platform, identity.platformUserId, row.username ?? null],
      );
      // A new player's second id is part of creating them, as the preview tells it.
      if (added.rowCount && !created) gained.push(identity.platform);
    }
  }
  const id = playerId!;
  const metadata = { row: row.where, ...fileMetadata };
  const ledgerIds: string[] = [];
  // The XP entries, then the coin entries, each total split as inEntries says.
  const entries = [
    ...inEntries(xpDelta).map((part, n) => ({
      key: keyOf(id, 'xp', n),
      type: 'xp_change' as const,
      xpDelta: part,
    })),
    ...inEntries(coinDelta).map((part, n) => ({
      key: keyOf(id, 'coins', n),
      type: 'balance_change' as const,
      coinDelta: part,
    })),
  ];
  // XP and coins of one row move together or not at all.
  const record = () =>
    deps.engine.transaction(async (tx) => {
      let any = false;
      for (const entry of entries) {
        const o = await tx.record({
          ...entry,
          playerId: id,
          source: 'admin',
          reason: importReason,
          metadata,
        });
        if (o.applied) ledgerIds.push(o.ledgerEntryId);
        any ||= o.applied;
      }
      return any;
    });
  let applied: boolean;
  try {
    applied = await record();
  } catch (error) {
    // Coins held for a payout, or a change since the totals were read: this row only is refused.
    if (!(error instanceof InsufficientBalanceError || error instanceof NegativeXpError)) throw error;
    ledgerIds.length = 0;
    await announce(deps, id, created, gained, ledgerIds);
    return { where: row.where, status: 'refused', playerId: id, reason: error.message };
  }
  await announce(deps, id, created, gained, ledgerIds);
  if (!applied && (xpDelta !== 0 || coinDelta !== 0))
    return { where: row.where, status: 'already_imported', playerId: id };
  const gains = gained.length > 0 ? { newIdentities: gained } : {};
  return { where: row.where, status: 'imported', playerId: id, created, ...gains, ...change };
}

/** Announces a row's player and ledger rows, so admin pages refresh and bots drop their caches. */
async function announce(
  deps: Deps,
  playerId: string,
  created: boolean,
  gained: Platform[],
  ledgerIds: string[],
): Promise<void> {
  if (!deps.changes) return;
  const changes: EntityChange[] = [];
  if (created || gained.length > 0 || ledgerIds.length > 0)
    changes.push({ entity: 'players', action: created ? 'created' : 'updated', id: playerId });
  if (gained.length > 0) changes.push({ entity: 'identities', action: 'updated', id: playerId });
  for (const id of ledgerIds) changes.push({ entity: 'ledger', action: 'created', id });
  for (const change of changes) await deps.changes.publish(change);
}

/** A move larger than one ledger entry may hold, as several that add up to it. */
export function inEntries(delta: number): number[] {
  const parts: number[] = [];
  for (let left = delta; left !== 0; ) {
    const part = Math.sign(left) * Math.min(Math.abs(left), maxDeltaPerEvent);
    parts.push(part);
    left -= part;
  }
  return parts;
}

async function ownerOf(db: Database, platform: string, platformUserId: string): Promise<string | null> {
  const { rows } = await db.pool.query<{ player_id: string }>(
    `SELECT player_id FROM identities WHERE platform = $1::"Platform" AND platform_user_id = $2`,
    [platform, platformUserId],
  );
  return rows[0]?.player_id ?? null;
}

async function identityOf(db: Database, playerId: string, platform: string): Promise<string | null> {
  const { rows } = await db.pool.query<{ platform_user_id: string }>(
    `SELECT platform_user_id FROM identities WHERE player_id = $1 AND platform = $2::"Platform"`,
    [playerId, platform],
  );
  return rows[0]?.platform_user_id ?? null;
}

async function totalsOf(
  db: Database,
  playerId: string,
): Promise<{ xp: number; balance: number; name?: string }> {
  const { rows } = await db.pool.query<{ xp: number; balance: number; name: string }>(
    'SELECT xp, balance, display_name AS name FROM players WHERE id = $1',
    [playerId],
  );
  return rows[0] ?? { xp: 0, balance: 0 };
}

async function alreadyImported(db: Database, keys: string[]): Promise<boolean> {
  const { rows } = await db.pool.query('SELECT 1 FROM ledger_entries WHERE idempotency_key = ANY($1)', [
    keys,
  ]);
  return rows.length > 0;
}
