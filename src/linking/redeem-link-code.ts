import type pg from 'pg';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Platform } from '../core/platforms.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import {
  LinkCodeFormatError,
  LinkCodeNotValidError,
  LinkCodeSamePlatformError,
  LinkLockedError,
  LinkRaceError,
  linkCodeFormatText,
} from './errors.ts';
import { type IdentityRef, identityRefSchema, resolvePlayer } from './identities.ts';
import { clearLinkAttempts, lockLinkAttempts, saveLinkAttempts } from './link-attempts.ts';
import {
  isLocked,
  type LinkFailureState,
  linkLockout,
  normalizeLinkCode,
  registerFailure,
} from './link-codes.ts';
import { createConfirmation, type LinkPreview, supersedePending } from './link-confirmations.ts';
import {
  alreadyLinked,
  type LinkingDeps,
  type LinkResult,
  livePlayerOf,
  lockLinkPair,
  playerOf,
  retryingRaces,
} from './link-pair.ts';

export type { LinkingDeps, LinkResult } from './link-pair.ts';

const codeTooLong = 'code: at most 64 characters';
const redeemInputSchema = identityRefSchema.extend({
  /** What the player typed, as is: it is normalised here. */
  code: z.string().max(64, codeTooLong),
  now: z.date(),
});
export type RedeemLinkCodeInput = z.input<typeof redeemInputSchema>;

/**
 * What typing a code leads to: a preview waiting for the redeemer's button (confirmLink), or, when
 * the two identities already are one account (the same code sent again), that result at once.
 */
export type LinkRedemption =
  | { kind: 'preview'; preview: LinkPreview }
  | { kind: 'linked'; result: LinkResult };

type Attempt = LinkRedemption | { kind: 'wrong_code'; state: LinkFailureState };

/**
 * `/link <code>` on the other platform. Checks the code and shows what linking would do: the
 * redeemer's account would be merged into the code issuer's account, with its XP and coins added
 * there. Nothing moves and the code is not used until the redeemer confirms (confirmLink); the
 * preview is stored so any bot process, after any restart, can take the button.
 *
 * The issuer's account survives: the code names it and the redeemer asked to join it, which also
 * keeps the rule easy to tell players ("the account where you typed /link stays"); both totals are
 * added up, so either choice loses nothing.
 *
 * Throws LinkCodeFormatError, LinkCodeNotValidError, LinkCodeSamePlatformError, LinkLockedError,
 * AlreadyLinkedError; each carries the text the player reads.
 */
export async function redeemLinkCode(deps: LinkingDeps, input: RedeemLinkCodeInput): Promise<LinkRedemption> {
  // A code too long to be one is answered like any other text that is not a code.
  const parsed = parseInput(redeemInputSchema, input, 'link code', { [codeTooLong]: linkCodeFormatText });
  const code = normalizeLinkCode(parsed.code);
  if (!code) throw new LinkCodeFormatError();
  const redeemer: IdentityRef = { platform: parsed.platform, platformUserId: parsed.platformUserId };
  await resolvePlayer(deps.db, redeemer);

  const outcome = await retryingRaces(() =>
    deps.engine.transaction((tx) => previewOnce(tx, redeemer, code, parsed.now)),
  );
  if (outcome.kind !== 'wrong_code') return outcome;
  const lock = isLocked(outcome.state, parsed.now);
  if (lock.locked) throw new LinkLockedError(lock.until);
  throw new LinkCodeNotValidError(linkLockout.maxFailures - outcome.state.failures);
}

/**
 * Reads the code under a share lock (a confirmation uses it under an update lock, a new code of the
 * issuer deletes it) and stores the preview; a wrong code is counted and committed (the caller
 * throws after the commit).
 */
async function previewOnce(
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

  const known = await client.query<{
    player_id: string;
    issued_on: Platform;
    used_at: Date | null;
    expires_at: Date;
  }>('SELECT player_id, issued_on, used_at, expires_at FROM link_codes WHERE code = $1 FOR SHARE', [code]);
  const row = known.rows[0];
  const live = row && row.used_at === null && row.expires_at.getTime() > now.getTime();
  if (!row || !live || row.issued_on === redeemer.platform) {
    if (row && live) throw new LinkCodeSamePlatformError(row.issued_on);
    // The same code sent twice by the one who redeemed it: answer as the first time, not as a guess.
    if (row?.used_at && (await livePlayerOf(client, row.player_id)) === redeemerPlayerId) {
      return { kind: 'linked', result: alreadyLinked(redeemerPlayerId, row.issued_on) };
    }
    return { kind: 'wrong_code', state: await countWrongCode(client, redeemer, failures, now) };
  }

  await clearLinkAttempts(client, redeemer);
  const issuerPlayerId = await livePlayerOf(client, row.player_id);
  if (!issuerPlayerId) throw new LinkRaceError();
  if (issuerPlayerId === redeemerPlayerId) {
    return { kind: 'linked', result: alreadyLinked(issuerPlayerId, row.issued_on) };
  }
  // Before the players' locks: a confirmation locks its row first and the players after.
  await supersedePending(client, redeemer);
  const { survivor, absorbed } = await lockLinkPair(client, {
    issuerPlayerId,
    redeemerPlayerId,
    redeemer,
    issuedOn: row.issued_on,
  });
  const preview = await createConfirmation(client, {
    code,
    codeExpiresAt: row.expires_at,
    redeemer,
    keptPlatform: row.issued_on,
    survivor,
    absorbed,
    now,
  });
  return { kind: 'preview', preview };
}

async function countWrongCode(
  client: pg.PoolClient,
  redeemer: IdentityRef,
  failures: LinkFailureState,
  now: Date,
): Promise<LinkFailureState> {
  const next = registerFailure(failures, now);
  await saveLinkAttempts(client, redeemer, next);
  return next;
}
