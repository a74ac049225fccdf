import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import { maxDeltaPerEvent } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { resolvePlayer } from '../linking/identities.ts';
import type { ImportFormat, ImportRow } from './import-rows.ts';
import { parseImportFile } from './parse-import-file.ts';

/** The ledger reason of imported totals: quiet (no notice to each player). */
export const importReason = 'import';

export type ImportMode = 'add' | 'replace';

export interface RowOutcome {
  where: string;
  status: 'imported' | 'already_imported' | 'refused';
  playerId?: string;
  created?: boolean;
  reason?: string;
  xp?: { before: number; after: number };
  coins?: { before: number; after: number };
}

export interface ImportReport {
  rows: RowOutcome[];
  counts: Record<RowOutcome['status'], number>;
}

type Deps = { db: Database; engine: Pick<Engine, 'transaction'> };

/**
 * Imports a file's totals: the whole file is checked first (a bad row refuses it, nothing written),
 * then each row is recorded through the ledger under a key of the file's content hash, the mode and
 * the row's place, so the same file imported again changes nothing.
 */
export async function importXp(
  deps: Deps,
  input: { format: ImportFormat; text: string; mode?: ImportMode; dryRun?: boolean },
): Promise<ImportReport> {
  const rows = parseImportFile(input.format, input.text);
  const mode = input.mode ?? 'add';
  const fileHash = createHash('sha256').update(input.text).digest('hex').slice(0, 16);
  const outcomes: RowOutcome[] = [];
  for (const [index, row] of rows.entries()) {
    outcomes.push(await importRow(deps, row, `import.${fileHash}.${mode}.${index}`, mode, !!input.dryRun));
  }
  const counts = { imported: 0, already_imported: 0, refused: 0 };
  for (const o of outcomes) counts[o.status]++;
  return { rows: outcomes, counts };
}

async function importRow(
  deps: Deps,
  row: ImportRow,
  entity: string,
  mode: ImportMode,
  dryRun: boolean,
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
    xp: { before: before.xp, after: before.xp + xpDelta },
    coins: { before: before.balance, after: before.balance + coinDelta },
  };
  if (dryRun) return { where: row.where, status: 'imported', playerId, created: !playerId, ...change };

  let created = false;
  for (const [i, identity] of ids.entries()) {
    if (owners[i]) continue;
    if (!playerId) {
      const resolved = await resolvePlayer(deps.db, { ...identity, username: row.username });
      playerId = resolved.playerId;
      created = resolved.created;
    } else {
      await deps.db.pool.query(
        `INSERT INTO identities (player_id, platform, platform_user_id, username)
         VALUES ($1, $2::"Platform", $3, $4) ON CONFLICT DO NOTHING`,
        [playerId, identity.platform, identity.platformUserId, row.username ?? null],
      );
    }
  }
  const id = playerId!;
  const metadata = { row: row.where, mode };
  // XP and coins of one row move together or not at all.
  const applied = await deps.engine.transaction(async (tx) => {
    let any = false;
    for (const [n, part] of inEntries(xpDelta).entries()) {
      const o = await tx.record({
        key: keyOf(id, 'xp', n),
        playerId: id,
        type: 'xp_change',
        source: 'admin',
        xpDelta: part,
        reason: importReason,
        metadata,
      });
      any ||= o.applied;
    }
    for (const [n, part] of inEntries(coinDelta).entries()) {
      const o = await tx.record({
        key: keyOf(id, 'coins', n),
        playerId: id,
        type: 'balance_change',
        source: 'admin',
        coinDelta: part,
        reason: importReason,
        metadata,
      });
      any ||= o.applied;
    }
    return any;
  });
  // A row that changes nothing (replace with equal totals) still counts as imported.
  if (!applied && (xpDelta !== 0 || coinDelta !== 0))
    return { where: row.where, status: 'already_imported', playerId: id };
  return { where: row.where, status: 'imported', playerId: id, created, ...change };
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

async function totalsOf(db: Database, playerId: string): Promise<{ xp: number; balance: number }> {
  const { rows } = await db.pool.query<{ xp: number; balance: number }>(
    'SELECT xp, balance FROM players WHERE id = $1',
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
