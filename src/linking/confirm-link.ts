import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Platform } from '../core/platforms.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import { LinkConfirmationGoneError, LinkRaceError, NotYourLinkConfirmationError } from './errors.ts';
import { type IdentityRef, identityRefSchema } from './identities.ts';
import { clearLinkAttempts } from './link-attempts.ts';
import {
  codeOfConfirmation,
  createConfirmation,
  decideConfirmation,
  type LinkPreview,
  lockConfirmation,
  type StoredConfirmation,
  stillAsShown,
} from './link-confirmations.ts';
import { type CommittedLink, notifyLinked } from './link-notices.ts';
import {
  alreadyLinked,
  type LinkingDeps,
  type LinkResult,
  livePlayerOf,
  lockLinkPair,
  playerOf,
  retryingRaces,
} from './link-pair.ts';
import { mergePlayers } from './merge-players.ts';

const pressSchema = identityRefSchema.extend({
  confirmationId: z.uuid('confirmationId must be a uuid'),
  now: z.date(),
});
export type LinkButtonPress = z.input<typeof pressSchema>;

/**
 * What the confirm button did: the accounts are linked (`result`), or they changed since the
 * preview and a new preview, with new buttons, replaces it (`preview`): nothing was merged.
 */
export type LinkConfirmation =
  | { kind: 'linked'; result: LinkResult }
  | { kind: 'preview'; preview: LinkPreview };

/** A committed link to tell: the issuer by a notice, the redeemer in the answer to their press. */
type Confirmed = LinkConfirmation & { notice?: CommittedLink };

/**
 * The redeemer's "Link" button. Merges exactly what the preview showed: the code is used and the
 * accounts are merged only while the confirmation is pending, unexpired, pressed by the identity
 * that typed the code, and both accounts still hold the figures shown. A second press (double tap,
 * a redelivered update) answers "already linked" and moves nothing.
 *
 * Throws NotYourLinkConfirmationError (another user's press changes nothing),
 * LinkConfirmationGoneError (expired, declined, replaced, code used or replaced), AlreadyLinkedError.
 */
export async function confirmLink(deps: LinkingDeps, input: LinkButtonPress): Promise<LinkConfirmation> {
  const press = parseInput(pressSchema, input, 'link confirmation');
  const presser: IdentityRef = { platform: press.platform, platformUserId: press.platformUserId };
  const outcome = await retryingRaces(() =>
    deps.engine.transaction((tx) => confirmOnce(tx, presser, press.confirmationId, press.now)),
  );
  if (outcome.kind === 'linked' && !outcome.result.alreadyLinked) {
    deps.metrics?.community.link(outcome.result.merged ? 'merged' : 'linked');
    await announceLink(deps, outcome.result);
  }
  // Also on a repeated press: a process that died after the merge committed has not told the
  // issuer yet, and the notice's job id lets it through once.
  const told = outcome.notice ? await notifyLinked(deps, outcome.notice) : null;
  if (outcome.kind !== 'linked') return outcome;
  return { kind: 'linked', result: told ? { ...outcome.result, message: told } : outcome.result };
}

/** The redeemer's "Cancel" button: nothing moves and the code stays usable until it expires. */
export async function declineLink(deps: LinkingDeps, input: LinkButtonPress): Promise<void> {
  const press = parseInput(pressSchema, input, 'link confirmation');
  await deps.engine.transaction(async ({ client }) => {
    const stored = await lockConfirmation(client, press.confirmationId);
    if (!stored) throw new LinkConfirmationGoneError('unknown');
    assertPresser(stored, press);
    if (stored.status === 'confirmed') return;
    if (stored.status === 'pending') await decideConfirmation(client, stored.id, 'declined', press.now);
  });
}

function assertPresser(stored: StoredConfirmation, presser: IdentityRef): void {
  if (stored.platform !== presser.platform || stored.platformUserId !== presser.platformUserId) {
    throw new NotYourLinkConfirmationError();
  }
}

async function confirmOnce(
  tx: RecordingTransaction,
  presser: IdentityRef,
  confirmationId: string,
  now: Date,
): Promise<Confirmed> {
  const { client } = tx;
  // The code first, as issuing a new code (which deletes this one and its confirmations) does.
  const code = await codeOfConfirmation(client, confirmationId);
  const codeRow = code
    ? await client.query<{ player_id: string; issued_on: Platform; used_at: Date | null; expires_at: Date }>(
        'SELECT player_id, issued_on, used_at, expires_at FROM link_codes WHERE code = $1 FOR UPDATE',
        [code],
      )
    : null;
  const stored = await lockConfirmation(client, confirmationId);
  if (!stored) throw new LinkConfirmationGoneError(code ? 'code_gone' : 'unknown');
  assertPresser(stored, presser);
  const issued = codeRow?.rows[0];
  if (stored.status === 'confirmed') {
    const survivor = (await livePlayerOf(client, stored.survivorId)) ?? stored.survivorId;
    const issuedOn = issued?.issued_on ?? otherThan(presser);
    // Within the preview's lifetime a repeat may be the retry of a press whose process died before
    // telling the two sides; later it is only a stale button, and the notice's job id is long gone.
    const retry = stored.expiresAt.getTime() > now.getTime();
    const notice = {
      survivorId: stored.survivorId,
      issuedOn,
      absorbedId: stored.absorbedId,
      xp: stored.absorbedXp,
      coins: stored.absorbedCoins,
    };
    return { kind: 'linked', result: alreadyLinked(survivor, issuedOn), ...(retry ? { notice } : {}) };
  }
  if (stored.status === 'declined') throw new LinkConfirmationGoneError('declined');
  if (stored.status === 'superseded') throw new LinkConfirmationGoneError('replaced');
  if (stored.expiresAt.getTime() <= now.getTime()) throw new LinkConfirmationGoneError('expired');
  if (!issued || issued.used_at !== null || issued.expires_at.getTime() <= now.getTime()) {
    throw new LinkConfirmationGoneError('code_gone');
  }

  const redeemerPlayerId = await playerOf(client, presser);
  const issuerPlayerId = await livePlayerOf(client, issued.player_id);
  if (!redeemerPlayerId || !issuerPlayerId) throw new LinkRaceError();
  if (issuerPlayerId === redeemerPlayerId) {
    // Linked meanwhile through another code: nothing left to merge.
    await decideConfirmation(client, stored.id, 'superseded', now);
    return { kind: 'linked', result: alreadyLinked(issuerPlayerId, issued.issued_on) };
  }
  const { survivor, absorbed } = await lockLinkPair(client, {
    issuerPlayerId,
    redeemerPlayerId,
    redeemer: presser,
    issuedOn: issued.issued_on,
  });
  if (!stillAsShown(stored, survivor, absorbed)) {
    await decideConfirmation(client, stored.id, 'superseded', now);
    const preview = await createConfirmation(client, {
      code: stored.code,
      codeExpiresAt: issued.expires_at,
      redeemer: presser,
      keptPlatform: issued.issued_on,
      survivor,
      absorbed,
      now,
    });
    return { kind: 'preview', preview };
  }

  await client.query('UPDATE link_codes SET used_at = $2 WHERE code = $1', [stored.code, now]);
  await decideConfirmation(client, stored.id, 'confirmed', now);
  await clearLinkAttempts(client, presser);
  const { moved } = await mergePlayers(tx, { survivorId: survivor.id, absorbedId: absorbed.id });
  return {
    kind: 'linked',
    notice: {
      survivorId: survivor.id,
      issuedOn: issued.issued_on,
      absorbedId: absorbed.id,
      xp: moved.xp,
      coins: moved.coins,
    },
    result: {
      linked: true,
      playerId: survivor.id,
      linkedWith: issued.issued_on,
      merged:
        moved.xp > 0 ||
        moved.coins > 0 ||
        moved.achievements > 0 ||
        moved.heldPayouts > 0 ||
        moved.submissions > 0,
      alreadyLinked: false,
      absorbedPlayerId: absorbed.id,
      moved,
    },
  };
}

function otherThan(who: IdentityRef): Platform {
  return who.platform === 'telegram' ? 'discord' : 'telegram';
}

async function announceLink(deps: LinkingDeps, result: LinkResult): Promise<void> {
  if (!deps.changes) return;
  await deps.changes.publish({ entity: 'identities', action: 'updated', id: result.playerId });
  await deps.changes.publish({ entity: 'players', action: 'updated', id: result.playerId });
  if (result.absorbedPlayerId)
    await deps.changes.publish({ entity: 'players', action: 'updated', id: result.absorbedPlayerId });
}
