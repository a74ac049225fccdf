import { parseInput } from '../core/parse-input.ts';
import type { Platform } from '../core/platforms.ts';
import { refreshRankRole } from '../roles/rank-role-refresh.ts';
import { LinkRaceError, NotLinkedError } from './errors.ts';
import { identityRefSchema } from './identities.ts';
import type { LinkingDeps } from './link-pair.ts';
import { lockPlayers } from './merge-players.ts';

export type UnlinkIdentityInput = { platform: Platform; platformUserId: string };

export interface UnlinkResult {
  /** The account that keeps its XP, coins, achievements and payouts, with its other identity. */
  accountPlayerId: string;
  /** The fresh, empty player the unlinked identity now belongs to. */
  detachedPlayerId: string;
}

/**
 * `/unlink`: detaches this identity from its account into a fresh player of its own with zero
 * totals; everything earned stays with the account and its other identity. Both accounts remain
 * one person, so unlinking claims no limit afresh: no second daily reward today, no second
 * one-time reward, no fresh cooldown. Splitting the ledger
 * could not be done fairly (which half earned what after a merge?), and handing the earnings to
 * whichever side asks would let a link/unlink cycle copy or steal coins. A player who wants their
 * progress on this platform again links again.
 *
 * Unlinking the Discord identity withdraws its rank roles: a rank_change event for the fresh
 * player goes through the platform queue, and the projection sets the rank role of an account
 * that has no rank yet, i.e. none. Its achievement roles are left to reconcile.
 *
 * Throws NotLinkedError when the identity is unknown or the only one of its account.
 */
export async function unlinkIdentity(
  deps: Pick<LinkingDeps, 'engine' | 'metrics'>,
  input: UnlinkIdentityInput,
): Promise<UnlinkResult> {
  const who = parseInput(identityRefSchema, input, 'identity');
  const result = await deps.engine.transaction(async (tx) => {
    const { client } = tx;
    const identity = await client.query<{ id: string; player_id: string; username: string | null }>(
      `SELECT id, player_id, username FROM identities WHERE platform = $1::"Platform" AND platform_user_id = $2`,
      [who.platform, who.platformUserId],
    );
    const found = identity.rows[0];
    if (!found) throw new NotLinkedError(who.platform);
    await lockPlayers(client, [found.player_id]);
    // Under the account's lock its identities cannot move (links and unlinks lock it too).
    const siblings = await client.query<{ id: string }>(
      'SELECT id FROM identities WHERE player_id = $1 AND id <> $2',
      [found.player_id, found.id],
    );
    const stillThere = await client.query('SELECT 1 FROM identities WHERE id = $1 AND player_id = $2', [
      found.id,
      found.player_id,
    ]);
    if (stillThere.rowCount === 0) throw new LinkRaceError();
    if (siblings.rowCount === 0) throw new NotLinkedError(who.platform);

    // The fresh account stays with the same person: limits already claimed today, cooldowns and
    // one-time rewards go on counting for it (src/persons/persons.ts).
    const fresh = await client.query<{ id: string }>(
      `INSERT INTO players (display_name, person_id)
       SELECT coalesce($1, display_name), person_id FROM players WHERE id = $2 RETURNING id`,
      [found.username, found.player_id],
    );
    const detachedPlayerId = fresh.rows[0]!.id;
    await client.query('UPDATE identities SET player_id = $1 WHERE id = $2', [detachedPlayerId, found.id]);
    await client.query('UPDATE players SET version = version + 1, updated_at = now() WHERE id = $1', [
      found.player_id,
    ]);

    if (who.platform === 'discord') {
      const state = await client.query<{ last_rank_id: number | null }>(
        `UPDATE sync_states SET discord_rank_role_id = NULL, updated_at = now() WHERE player_id = $1
         RETURNING last_rank_id`,
        [found.player_id],
      );
      await refreshRankRole(tx, {
        action: 'unlink_rank',
        entity: found.id,
        playerId: detachedPlayerId,
        fromRankId: state.rows[0]?.last_rank_id ?? null,
        toRankId: null,
        direction: 'down',
        xp: 0,
      });
    }
    return { accountPlayerId: found.player_id, detachedPlayerId };
  });
  deps.metrics?.community.link('unlinked');
  return result;
}
