import { TandemError } from '../core/errors.ts';
import type { Platform } from '../core/platforms.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Errors a player sees when linking. Each one's player message (a text of errors.json) says what was
 * wrong and what to do next, in the reader's language; the English message is for the log.
 */

export function platformName(platform: Platform): string {
  return platform === 'telegram' ? 'Telegram' : 'Discord';
}

export function otherPlatform(platform: Platform): Platform {
  return platform === 'telegram' ? 'discord' : 'telegram';
}

/** What a player reads when what they typed cannot be a link code. */
export const linkCodeFormatText = messageOf('error.link.codeFormat');

/** What was typed cannot be a code at all (wrong length or characters); not counted as a wrong try. */
export class LinkCodeFormatError extends TandemError {
  override name = 'LinkCodeFormatError';
  constructor() {
    const message = "That doesn't look like a link code: 6 letters/digits, e.g. K7M2QX";
    super('invalid', message, { playerMessage: linkCodeFormatText });
  }
}

/**
 * The code is unknown, expired or already used. Which of these is deliberately not said: telling
 * "exists but expired" apart from "never existed" would help someone guessing codes.
 */
export class LinkCodeNotValidError extends TandemError {
  override name = 'LinkCodeNotValidError';
  constructor(
    /** Wrong codes this identity may still enter before it is locked out. */
    readonly attemptsLeft: number,
  ) {
    const message =
      `That code has expired or is not valid. Send /link on the other platform for a new one` +
      ` (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left).`;
    super('refused', message, {
      playerMessage: messageOf('error.link.codeNotValid', { tries: attemptsLeft }),
    });
  }
}

/** A code was typed on the platform that issued it. Not counted as a wrong try. */
export class LinkCodeSamePlatformError extends TandemError {
  override name = 'LinkCodeSamePlatformError';
  constructor(readonly issuedOn: Platform) {
    const message =
      `Use this code on the other platform: it was made on ${platformName(issuedOn)}, so send ` +
      `/link <code> to the ${platformName(otherPlatform(issuedOn))} bot.`;
    super('refused', message, {
      playerMessage: messageOf('error.link.samePlatform', {
        platform: platformName(issuedOn),
        otherPlatform: platformName(otherPlatform(issuedOn)),
      }),
    });
  }
}

/** Too many wrong codes from this identity; linking is refused until `until`. */
export class LinkLockedError extends TandemError {
  override name = 'LinkLockedError';
  constructor(readonly until: Date) {
    const message = `Too many wrong codes. You can try linking again after ${formatUtc(until)}.`;
    super('rate_limited', message, {
      playerMessage: messageOf('error.link.locked', { time: formatUtc(until) }),
    });
  }
}

/**
 * Linking would give one account two identities on one platform. `side` says whose account is in
 * the way: the redeemer's own (`redeemer`) or the one that issued the code (`issuer`).
 */
export class AlreadyLinkedError extends TandemError {
  override name = 'AlreadyLinkedError';
  constructor(
    readonly side: 'redeemer' | 'issuer',
    /** The platform on which the account already has another identity. */
    readonly platform: Platform,
    /** The platform of the person reading the message. */
    readonly askedOn: Platform,
  ) {
    const message =
      side === 'redeemer'
        ? `Your ${platformName(askedOn)} account is already linked to a ${platformName(platform)} account. ` +
          `Send /unlink first if you want to link a different one.`
        : `The account that made this code is already linked to another ${platformName(platform)} ` +
          `account. It has to /unlink that one first.`;
    super('conflict', message, {
      playerMessage:
        side === 'redeemer'
          ? messageOf('error.link.alreadyLinked', {
              platform: platformName(askedOn),
              otherPlatform: platformName(platform),
            })
          : messageOf('error.link.issuerAlreadyLinked', { otherPlatform: platformName(platform) }),
    });
  }
}

/** /unlink from an identity that is the only one of its account. */
export class NotLinkedError extends TandemError {
  override name = 'NotLinkedError';
  constructor(readonly platform: Platform) {
    const message = `Your ${platformName(platform)} account is not linked to another platform: nothing to unlink.`;
    super('refused', message, {
      playerMessage: messageOf('error.link.notLinked', { platform: platformName(platform) }),
    });
  }
}

/**
 * A link button that can no longer merge anything: the preview timed out, was declined or replaced
 * by a newer one, or its code was used or replaced meanwhile. Nothing was changed.
 */
export class LinkConfirmationGoneError extends TandemError {
  override name = 'LinkConfirmationGoneError';
  constructor(readonly reason: 'expired' | 'declined' | 'replaced' | 'code_gone' | 'unknown') {
    const message =
      reason === 'declined'
        ? 'You cancelled this link. Nothing was changed.'
        : reason === 'replaced'
          ? 'This link request was replaced by a newer one. Nothing was changed; use the latest buttons.'
          : reason === 'code_gone'
            ? 'That code is no longer valid. Nothing was changed. Send /link on the other platform for a new one.'
            : 'This link request has expired. Nothing was changed. Send /link <code> again to see it anew.';
    super('conflict', message, {
      playerMessage:
        reason === 'declined'
          ? messageOf('error.link.cancelled')
          : reason === 'replaced'
            ? messageOf('error.link.replaced')
            : reason === 'code_gone'
              ? messageOf('error.link.codeGone')
              : messageOf('error.link.expired'),
    });
  }
}

/** Someone other than the player who typed the code pressed its button: it does nothing. */
export class NotYourLinkConfirmationError extends TandemError {
  override name = 'NotYourLinkConfirmationError';
  constructor() {
    const message = 'This button belongs to the player who typed the link code. Nothing was changed.';
    super('forbidden', message, { playerMessage: messageOf('error.link.notYours') });
  }
}

/** Linking state moved under a redemption (a concurrent link or unlink); the redemption is retried. */
export class LinkRaceError extends TandemError {
  override name = 'LinkRaceError';
  constructor() {
    const message = 'The accounts changed while linking; please try again.';
    super('conflict', message, { playerMessage: messageOf('error.link.race') });
  }
}

/** `2026-11-22 12:34 UTC`: unambiguous whatever the reader's time zone. */
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
