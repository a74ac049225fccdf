import type pg from 'pg';
import type { Platform } from '../core/platforms.ts';
import type { IdentityRef } from './identities.ts';
import type { LockedPlayer } from './merge-players.ts';

/**
 * A redeemed code waiting for its redeemer's button, stored in PostgreSQL so it survives a restart
 * and any bot process can take the press. The figures are the ones the preview showed.
 */

/** Minutes a preview waits for its button; it also never outlives its code. @defaultValue 5 */
export const linkConfirmationTtlMinutes = 5;

export interface LinkFigures {
  xp: number;
  coins: number;
}

/** What `/link <code>` shows before anything moves. */
export interface LinkPreview {
  /** Names the confirmation in the buttons' data. */
  confirmationId: string;
  expiresAt: Date;
  /** The redeemer's platform: their account there is the one merged away. */
  mergedPlatform: Platform;
  /** The issuer's platform: the account there is kept. */
  keptPlatform: Platform;
  /** The kept account's name on its platform. */
  keptName: string;
  keptPlayerId: string;
  mergedPlayerId: string;
  kept: LinkFigures;
  merged: LinkFigures;
  together: LinkFigures;
}

export interface StoredConfirmation {
  id: string;
  code: string;
  platform: Platform;
  platformUserId: string;
  survivorId: string;
  absorbedId: string;
  survivorXp: number;
  survivorCoins: number;
  absorbedXp: number;
  absorbedCoins: number;
  status: 'pending' | 'confirmed' | 'declined' | 'superseded';
  expiresAt: Date;
}

const columns = `id, code, platform, platform_user_id AS "platformUserId", survivor_id AS "survivorId",
  absorbed_id AS "absorbedId", survivor_xp AS "survivorXp", survivor_coins AS "survivorCoins",
  absorbed_xp AS "absorbedXp", absorbed_coins AS "absorbedCoins", status, expires_at AS "expiresAt"`;

export async function lockConfirmation(
  client: pg.PoolClient,
  id: string,
): Promise<StoredConfirmation | null> {
  const { rows } = await client.query<StoredConfirmation>(
    `SELECT ${columns} FROM link_confirmations WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** The code a confirmation belongs to, read without a lock (the caller locks the code first). */
export async function codeOfConfirmation(client: pg.PoolClient, id: string): Promise<string | null> {
  const { rows } = await client.query<{ code: string }>('SELECT code FROM link_confirmations WHERE id = $1', [
    id,
  ]);
  return rows[0]?.code ?? null;
}

/** A redeemer waits for one preview at a time: a newer `/link <code>` retires the older buttons. */
export async function supersedePending(client: pg.PoolClient, redeemer: IdentityRef): Promise<void> {
  await client.query(
    `UPDATE link_confirmations SET status = 'superseded', decided_at = now()
      WHERE platform = $1::"Platform" AND platform_user_id = $2 AND status = 'pending'`,
    [redeemer.platform, redeemer.platformUserId],
  );
}

export async function decideConfirmation(
  client: pg.PoolClient,
  id: string,
  status: 'confirmed' | 'declined' | 'superseded',
  now: Date,
): Promise<void> {
  await client.query('UPDATE link_confirmations SET status = $2, decided_at = $3 WHERE id = $1', [
    id,
    status,
    now,
  ]);
}

/**
 * Stores a preview of merging `absorbed` (the redeemer's account) into `survivor` (the issuer's)
 * and returns it as the player will read it. Waits `linkConfirmationTtlMinutes`, or until the code
 * expires if that comes first.
 */
export async function createConfirmation(
  client: pg.PoolClient,
  input: {
    code: string;
    codeExpiresAt: Date;
    redeemer: IdentityRef;
    keptPlatform: Platform;
    survivor: LockedPlayer;
    absorbed: LockedPlayer;
    now: Date;
  },
): Promise<LinkPreview> {
  const { survivor, absorbed, redeemer, now } = input;
  const waitUntil = now.getTime() + linkConfirmationTtlMinutes * 60_000;
  const expiresAt = new Date(Math.min(waitUntil, input.codeExpiresAt.getTime()));
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO link_confirmations (code, platform, platform_user_id, survivor_id, absorbed_id, survivor_xp,
                                     survivor_coins, absorbed_xp, absorbed_coins, expires_at, created_at)
     VALUES ($1, $2::"Platform", $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      input.code,
      redeemer.platform,
      redeemer.platformUserId,
      survivor.id,
      absorbed.id,
      survivor.xp,
      survivor.balance,
      absorbed.xp,
      absorbed.balance,
      expiresAt,
      now,
    ],
  );
  const name = await client.query<{ name: string }>(
    `SELECT coalesce(i.username, p.display_name) AS name FROM players p
       LEFT JOIN identities i ON i.player_id = p.id AND i.platform = $2::"Platform"
      WHERE p.id = $1`,
    [survivor.id, input.keptPlatform],
  );
  return {
    confirmationId: rows[0]!.id,
    expiresAt,
    mergedPlatform: redeemer.platform,
    keptPlatform: input.keptPlatform,
    keptName: name.rows[0]?.name ?? 'another player',
    keptPlayerId: survivor.id,
    mergedPlayerId: absorbed.id,
    kept: { xp: survivor.xp, coins: survivor.balance },
    merged: { xp: absorbed.xp, coins: absorbed.balance },
    together: { xp: survivor.xp + absorbed.xp, coins: survivor.balance + absorbed.balance },
  };
}

/** Whether the accounts still are, and hold, what the confirmation's preview showed. */
export function stillAsShown(
  stored: StoredConfirmation,
  survivor: LockedPlayer,
  absorbed: LockedPlayer,
): boolean {
  return (
    stored.survivorId === survivor.id &&
    stored.absorbedId === absorbed.id &&
    stored.survivorXp === survivor.xp &&
    stored.survivorCoins === survivor.balance &&
    stored.absorbedXp === absorbed.xp &&
    stored.absorbedCoins === absorbed.balance
  );
}
