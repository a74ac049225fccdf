import type pg from 'pg';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Engine, RecordingTransaction } from '../sync/engine.ts';
import {
  AlreadyLinkedError,
  LinkCodeFormatError,
  LinkCodeNotValidError,
  LinkCodeSamePlatformError,
  LinkLockedError,
  LinkRaceError,
} from './errors.ts';
import {
  type IdentityRef,
  identityRefSchema,
  type Platform,
  parseIdentityInput,
  resolvePlayer,
} from './identities.ts';
import { clearLinkAttempts, lockLinkAttempts, saveLinkAttempts } from './link-attempts.ts';
import {
  isLocked,
  type LinkFailureState,
  linkLockout,
  normalizeLinkCode,
  registerFailure,
} from './link-codes.ts';
import { lockPlayers, type MergeMoved, mergePlayers } from './merge-players.ts';

const redeemInputSchema = identityRefSchema.extend({
  /** What the player typed, as is: it is normalised here. */
  code: z.string().max(64, 'code: at most 64 characters'),
  now: z.date(),
});
export type RedeemLinkCodeInput = z.input<typeof redeemInputSchema>;

export interface LinkingDeps {
  engine: Engine;
  db: Pick<Database, 'pool'>;
  /** Tells admin pages the accounts changed. @defaultValue none */
  changes?: ChangePublisher;
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
}

type Attempt = { kind: 'linked'; result: LinkResult } | { kind: 'wrong_code'; state: LinkFailureState };

/**
 * `/link <code>` on the other platform. Binds the redeemer's identity to the code issuer's account,
 * merging the redeemer's own account into it through the ledger when it has one (it always does
 * after the first message, possibly empty).
 *
 * The issuer's account survives: the code names it and the redeemer asked to join it, which also
 * keeps the rule easy to tell players ("the account where you typed /link stays"); both totals are
 * added up, so either choice loses nothing.
 *
 * Throws LinkCodeFormatError, LinkCodeNotValidError, LinkCodeSamePlatformError, LinkLockedError,
 * AlreadyLinkedError; each message is meant for the player.
 */
export async function redeemLinkCode(deps: LinkingDeps, input: RedeemLinkCodeInput): Promise<LinkResult> {
  const parsed = parseIdentityInput(redeemInputSchema, input, 'link code');
  const code = normalizeLinkCode(parsed.code);
  if (!code) throw new LinkCodeFormatError();
  const redeemer: IdentityRef = { platform: parsed.platform, platformUserId: parsed.platformUserId };
  await resolvePlayer(deps.db, redeemer);

  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.engine.transaction((tx) => redeemOnce(tx, redeemer, code, parsed.now));
      if (outcome.kind === 'linked') {
        await announceLink(deps, outcome.result);
        return outcome.result;
      }
      const lock = isLocked(outcome.state, parsed.now);
      if (lock.locked) throw new LinkLockedError(lock.until);
      throw new LinkCodeNotValidError(linkLockout.maxFailures - outcome.state.failures);
    } catch (error) {
      // A concurrent link or unlink moved one of the identities between reading and locking.
      if (error instanceof LinkRaceError && attempt < 3) continue;
      throw error;
    }
  }
}

/**
 * Consumes the code with one conditional UPDATE, so of two concurrent redemptions exactly one
 * links; a wrong code is counted and committed (the caller throws after the commit).
 */
async function redeemOnce(
  tx: RecordingTransaction,
  redeemer: IdentityRef,
  code: string,
  now: Date,
): Promise<Attempt> {
  const { client } = tx;
  const failures = await lockLinkAttempts(client, redeemer);
  const lock = isLocked(failures, now);
  if (lock.locked) throw new LinkLockedError(lock.until);
  const redeemerPlayerId = await playerOf(client, redeemer);
  if (!redeemerPlayerId) throw new LinkRaceError();

  const consumed = await client.query<{ player_id: string; issued_on: Platform }>(
    `UPDATE link_codes SET used_at = $3
      WHERE code = $1 AND used_at IS NULL AND expires_at > $3 AND issued_on <> $2::"Platform"
     RETURNING player_id, issued_on`,
    [code, redeemer.platform, now],
  );
  const issued = consumed.rows[0];
  if (!issued) {
    const known = await client.query<{
      player_id: string;
      issued_on: Platform;
      used_at: Date | null;
      expires_at: Date;
    }>('SELECT player_id, issued_on, used_at, expires_at FROM link_codes WHERE code = $1', [code]);
    const row = known.rows[0];
    const live = row && row.used_at === null && row.expires_at.getTime() > now.getTime();
    if (row && live && row.issued_on === redeemer.platform)
      throw new LinkCodeSamePlatformError(row.issued_on);
    // The same code sent twice by the one who redeemed it: answer as the first time, not as a guess.
    if (row?.used_at && (await livePlayerOf(client, row.player_id)) === redeemerPlayerId) {
      return { kind: 'linked', result: alreadyLinked(redeemerPlayerId, row.issued_on) };
    }
    const next = registerFailure(failures, now);
    await saveLinkAttempts(client, redeemer, next);
    return { kind: 'wrong_code', state: next };
  }

  await clearLinkAttempts(client, redeemer);
  const issuerPlayerId = await livePlayerOf(client, issued.player_id);
  if (!issuerPlayerId) throw new LinkRaceError();
  if (issuerPlayerId === redeemerPlayerId) {
    return { kind: 'linked', result: alreadyLinked(issuerPlayerId, issued.issued_on) };
  }

  const locked = await lockPlayers(client, [issuerPlayerId, redeemerPlayerId]);
  // Read again under the locks: a link or unlink that committed meanwhile may have moved them.
  if (
    locked.length !== 2 ||
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
  if (!has(issuerPlayerId, issued.issued_on)) throw new LinkRaceError();
  if (has(issuerPlayerId, redeemer.platform)) {
    throw new AlreadyLinkedError('issuer', redeemer.platform, redeemer.platform);
  }
  if (has(redeemerPlayerId, issued.issued_on)) {
    throw new AlreadyLinkedError('redeemer', issued.issued_on, redeemer.platform);
  }

  const merge = await mergePlayers(tx, { survivorId: issuerPlayerId, absorbedId: redeemerPlayerId });
  const { moved } = merge;
  return {
    kind: 'linked',
    result: {
      linked: true,
      playerId: issuerPlayerId,
      linkedWith: issued.issued_on,
      merged: moved.xp > 0 || moved.coins > 0 || moved.achievements > 0 || moved.heldPayouts > 0,
      alreadyLinked: false,
      absorbedPlayerId: redeemerPlayerId,
      moved,
    },
  };
}

function alreadyLinked(playerId: string, linkedWith: Platform): LinkResult {
  return {
    linked: true,
    playerId,
    linkedWith,
    merged: false,
    alreadyLinked: true,
    absorbedPlayerId: null,
    moved: { xp: 0, coins: 0, achievements: 0, heldPayouts: 0, identities: [] },
  };
}

async function playerOf(client: pg.PoolClient, who: IdentityRef): Promise<string | null> {
  const { rows } = await client.query<{ player_id: string }>(
    'SELECT player_id FROM identities WHERE platform = $1::"Platform" AND platform_user_id = $2',
    [who.platform, who.platformUserId],
  );
  return rows[0]?.player_id ?? null;
}

/** The account a player id stands for now: itself, or the one it was merged into. */
async function livePlayerOf(client: pg.PoolClient, playerId: string): Promise<string | null> {
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

async function announceLink(deps: LinkingDeps, result: LinkResult): Promise<void> {
  if (!deps.changes || result.alreadyLinked) return;
  await deps.changes.publish({ entity: 'identities', action: 'updated', id: result.playerId });
  await deps.changes.publish({ entity: 'players', action: 'updated', id: result.playerId });
  if (result.absorbedPlayerId)
    await deps.changes.publish({ entity: 'players', action: 'updated', id: result.absorbedPlayerId });
}
