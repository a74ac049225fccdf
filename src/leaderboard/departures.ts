import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { readLeaderboardSettings } from './save-leaderboard-settings.ts';

/** The ledger reason of the correction a ban under the `reset` policy writes. */
export const banResetReason = 'ban_reset';

export interface DepartureDeps {
  db: Pick<Database, 'pool'>;
  engine: Pick<Engine, 'transaction'>;
  changes: ChangePublisher;
}

export interface DepartureOutcome {
  /** null when no player has this Discord identity (someone who never talked to Tandem). */
  playerId: string | null;
  /** false when the player's state already said so (a repeated or late gateway event). */
  changed: boolean;
  /** The XP a `reset` ban took back (0 when none). */
  xpReset: number;
}

const none: DepartureOutcome = { playerId: null, changed: false, xpReset: 0 };

/** The live player of a Discord identity, locked for this transaction. */
const playerOfIdentity = `SELECT p.id, p.xp, p.departure FROM identities i JOIN players p ON p.id = i.player_id
  WHERE i.platform = 'discord' AND i.platform_user_id = $1 AND p.merged_into_id IS NULL
  FOR UPDATE OF p`;

/**
 * A member left the Discord server. Recorded as `left` (with the time) unless the player is already
 * away: a ban also removes the member, and that removal must not turn `banned` back into `left`.
 */
export async function recordMemberLeft(
  deps: DepartureDeps,
  discordUserId: string,
): Promise<DepartureOutcome> {
  const { rows } = await deps.db.pool.query<{ id: string }>(
    `UPDATE players p SET departure = 'left', departed_at = now(), updated_at = now()
       FROM identities i
      WHERE i.platform = 'discord' AND i.platform_user_id = $1 AND p.id = i.player_id
        AND p.merged_into_id IS NULL AND p.departure IS NULL
      RETURNING p.id`,
    [discordUserId],
  );
  const playerId = rows[0]?.id;
  if (!playerId) return { ...none, playerId: await playerIdOf(deps.db, discordUserId) };
  await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
  return { playerId, changed: true, xpReset: 0 };
}

/**
 * A member was banned from the Discord server: recorded as `banned` (with the time). Under the
 * `reset` policy the same transaction takes the player's XP back to zero by one ledger correction
 * keyed by the ban's time, so a repeated ban event changes nothing and each new ban resets once.
 * Nothing is deleted: the ledger keeps what was earned and the correction that removed it.
 */
export async function recordMemberBanned(
  deps: DepartureDeps,
  discordUserId: string,
): Promise<DepartureOutcome> {
  const settings = (await readLeaderboardSettings(deps)).value;
  const outcome = await deps.engine.transaction(async (tx) => {
    const found = await tx.client.query<{ id: string; xp: number; departure: string | null }>(
      playerOfIdentity,
      [discordUserId],
    );
    const player = found.rows[0];
    if (!player) return none;
    if (player.departure === 'banned') return { playerId: player.id, changed: false, xpReset: 0 };
    const marked = await tx.client.query<{ departed_at: Date }>(
      `UPDATE players SET departure = 'banned', departed_at = now(), updated_at = now()
        WHERE id = $1 RETURNING departed_at`,
      [player.id],
    );
    const bannedAt = marked.rows[0]!.departed_at;
    if (settings.onBan !== 'reset' || player.xp <= 0)
      return { playerId: player.id, changed: true, xpReset: 0 };
    await tx.record({
      key: buildIdempotencyKey({
        source: 'system',
        action: 'banreset',
        entity: bannedAt.getTime(),
        playerId: player.id,
      }),
      playerId: player.id,
      type: 'xp_change',
      source: 'system',
      xpDelta: -player.xp,
      reason: banResetReason,
      metadata: { discordUserId, bannedAt: bannedAt.toISOString() },
    });
    return { playerId: player.id, changed: true, xpReset: player.xp };
  });
  if (outcome.changed && outcome.playerId)
    await deps.changes.publish({ entity: 'players', action: 'updated', id: outcome.playerId });
  return outcome;
}

/**
 * A member came back to the server (after leaving, or after a ban was lifted): back on the boards
 * under every policy. XP a `reset` took stays taken; their rank roles come back as on any rejoin.
 */
export async function recordMemberReturned(
  deps: DepartureDeps,
  discordUserId: string,
): Promise<DepartureOutcome> {
  const { rows } = await deps.db.pool.query<{ id: string }>(
    `UPDATE players p SET departure = NULL, departed_at = NULL, updated_at = now()
       FROM identities i
      WHERE i.platform = 'discord' AND i.platform_user_id = $1 AND p.id = i.player_id
        AND p.departure IS NOT NULL
      RETURNING p.id`,
    [discordUserId],
  );
  const playerId = rows[0]?.id;
  if (!playerId) return { ...none, playerId: await playerIdOf(deps.db, discordUserId) };
  await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
  return { playerId, changed: true, xpReset: 0 };
}

async function playerIdOf(db: Pick<Database, 'pool'>, discordUserId: string): Promise<string | null> {
  const { rows } = await db.pool.query<{ player_id: string }>(
    `SELECT player_id FROM identities WHERE platform = 'discord' AND platform_user_id = $1`,
    [discordUserId],
  );
  return rows[0]?.player_id ?? null;
}
