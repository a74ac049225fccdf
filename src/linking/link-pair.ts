import type pg from 'pg';
import type { Message } from '../core/message.ts';
import type { NoticeQueue } from '../core/notice-queue.ts';
import type { Platform } from '../core/platforms.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';
import { AlreadyLinkedError, LinkRaceError } from './errors.ts';
import type { IdentityRef } from './identities.ts';
import { type LockedPlayer, lockPlayers, type MergeMoved } from './merge-players.ts';

/** What redeeming and confirming a link code work with. */
export interface LinkingDeps {
  engine: Engine;
  db: Pick<Database, 'pool'>;
  /** Tells admin pages the accounts changed. @defaultValue none */
  changes?: ChangePublisher;
  /** Tells both sides, each on their platform, that the link worked. @defaultValue nobody is told */
  queues?: NoticeQueue;
  logger?: { warn(details: object, message: string): void };
  /** Counts links, merges and unlinks. @defaultValue not counted */
  metrics?: Pick<TandemMetrics, 'community'>;
}

export interface LinkResult {
  linked: true;
  /** The account both identities now belong to: the one that issued the code. */
  playerId: string;
  /** The platform of the identity the redeemer is now linked with. */
  linkedWith: Platform;
  /** True when the redeemer's own account had progress (XP, coins, achievements, held payouts) that was added. */
  merged: boolean;
  /** True when the two identities already were one account (e.g. the same code sent twice). */
  alreadyLinked: boolean;
  /** The redeemer's former account, now merged; null when nothing changed. */
  absorbedPlayerId: string | null;
  moved: MergeMoved;
  /**
   * What the redeemer reads once a confirmed link committed: who they are linked with, what was
   * added and the totals now (the issuer reads the same in a notice).
   */
  message?: Message;
}

export function alreadyLinked(playerId: string, linkedWith: Platform): LinkResult {
  return {
    linked: true,
    playerId,
    linkedWith,
    merged: false,
    alreadyLinked: true,
    absorbedPlayerId: null,
    moved: { xp: 0, coins: 0, achievements: 0, heldPayouts: 0, identities: [], submissions: 0 },
  };
}

export async function playerOf(client: pg.PoolClient, who: IdentityRef): Promise<string | null> {
  const { rows } = await client.query<{ player_id: string }>(
    'SELECT player_id FROM identities WHERE platform = $1::"Platform" AND platform_user_id = $2',
    [who.platform, who.platformUserId],
  );
  return rows[0]?.player_id ?? null;
}

/** The account a player id stands for now: itself, or the one it was merged into. */
export async function livePlayerOf(client: pg.PoolClient, playerId: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `WITH RECURSIVE chain (id, merged_into_id, depth) AS (
       SELECT id, merged_into_id, 0 FROM players WHERE id = $1
       UNION ALL
       SELECT p.id, p.merged_into_id, c.depth + 1 FROM players p JOIN chain c ON p.id = c.merged_into_id
        WHERE c.depth < 16
     )
     SELECT id FROM chain WHERE merged_into_id IS NULL LIMIT 1`,
    [playerId],
  );
  return rows[0]?.id ?? null;
}

/**
 * Locks the issuer's and the redeemer's accounts and checks they can become one: neither merged,
 * the redeemer still where it was, the issuing identity still on its account, and no platform
 * with two identities afterwards. Throws LinkRaceError (retried) or AlreadyLinkedError.
 */
export async function lockLinkPair(
  client: pg.PoolClient,
  input: { issuerPlayerId: string; redeemerPlayerId: string; redeemer: IdentityRef; issuedOn: Platform },
): Promise<{ survivor: LockedPlayer; absorbed: LockedPlayer }> {
  const { issuerPlayerId, redeemerPlayerId, redeemer, issuedOn } = input;
  const locked = await lockPlayers(client, [issuerPlayerId, redeemerPlayerId]);
  const survivor = locked.find((p) => p.id === issuerPlayerId);
  const absorbed = locked.find((p) => p.id === redeemerPlayerId);
  // Read again under the locks: a link or unlink that committed meanwhile may have moved them.
  if (
    !survivor ||
    !absorbed ||
    locked.some((p) => p.mergedIntoId !== null) ||
    (await playerOf(client, redeemer)) !== redeemerPlayerId
  ) {
    throw new LinkRaceError();
  }
  const identities = await client.query<{ player_id: string; platform: Platform }>(
    'SELECT player_id, platform FROM identities WHERE player_id IN ($1, $2)',
    [issuerPlayerId, redeemerPlayerId],
  );
  const has = (playerId: string, platform: Platform) =>
    identities.rows.some((i) => i.player_id === playerId && i.platform === platform);
  // The issuing identity left its account after issuing (it was unlinked): the code names nobody.
  if (!has(issuerPlayerId, issuedOn)) throw new LinkRaceError();
  if (has(issuerPlayerId, redeemer.platform)) {
    throw new AlreadyLinkedError('issuer', redeemer.platform, redeemer.platform);
  }
  if (has(redeemerPlayerId, issuedOn)) {
    throw new AlreadyLinkedError('redeemer', issuedOn, redeemer.platform);
  }
  return { survivor, absorbed };
}

/** Retries `attempt` when a concurrent link or unlink moved one of the identities under it. */
export async function retryingRaces<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof LinkRaceError && tries < 3) continue;
      throw error;
    }
  }
}
