import type { Platform } from './identities.ts';

/**
 * Errors a player sees when linking. Each message is written for the bot to show as is: it says what
 * was wrong and what to do next. Fields carry the details for bots that format their own text.
 */

export function platformName(platform: Platform): string {
  return platform === 'telegram' ? 'Telegram' : 'Discord';
}

export function otherPlatform(platform: Platform): Platform {
  return platform === 'telegram' ? 'discord' : 'telegram';
}

/** What was typed cannot be a code at all (wrong length or characters); not counted as a wrong try. */
export class LinkCodeFormatError extends Error {
  override name = 'LinkCodeFormatError';
  constructor() {
    super("That doesn't look like a link code: 6 letters/digits, e.g. K7M2QX");
  }
}

/**
 * The code is unknown, expired or already used. Which of these is deliberately not said: telling
 * "exists but expired" apart from "never existed" would help someone guessing codes.
 */
export class LinkCodeNotValidError extends Error {
  override name = 'LinkCodeNotValidError';
  constructor(
    /** Wrong codes this identity may still enter before it is locked out. */
    readonly attemptsLeft: number,
  ) {
    super(
      `That code has expired or is not valid. Send /link on the other platform for a new one` +
        ` (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left).`,
    );
  }
}

/** A code was typed on the platform that issued it. Not counted as a wrong try. */
export class LinkCodeSamePlatformError extends Error {
  override name = 'LinkCodeSamePlatformError';
  constructor(readonly issuedOn: Platform) {
    super(
      `Use this code on the other platform: it was made on ${platformName(issuedOn)}, so send ` +
        `/link <code> to the ${platformName(otherPlatform(issuedOn))} bot.`,
    );
  }
}

/** Too many wrong codes from this identity; linking is refused until `until`. */
export class LinkLockedError extends Error {
  override name = 'LinkLockedError';
  constructor(readonly until: Date) {
    super(`Too many wrong codes. You can try linking again after ${formatUtc(until)}.`);
  }
}

/**
 * Linking would give one account two identities on one platform. `side` says whose account is in
 * the way: the redeemer's own (`redeemer`) or the one that issued the code (`issuer`).
 */
export class AlreadyLinkedError extends Error {
  override name = 'AlreadyLinkedError';
  constructor(
    readonly side: 'redeemer' | 'issuer',
    /** The platform on which the account already has another identity. */
    readonly platform: Platform,
    /** The platform of the person reading the message. */
    readonly askedOn: Platform,
  ) {
    super(
      side === 'redeemer'
        ? `Your ${platformName(askedOn)} account is already linked to a ${platformName(platform)} account. ` +
            `Send /unlink first if you want to link a different one.`
        : `The account that made this code is already linked to another ${platformName(platform)} ` +
            `account. It has to /unlink that one first.`,
    );
  }
}

/** /unlink from an identity that is the only one of its account. */
export class NotLinkedError extends Error {
  override name = 'NotLinkedError';
  constructor(readonly platform: Platform) {
    super(`Your ${platformName(platform)} account is not linked to another platform: nothing to unlink.`);
  }
}

/**
 * A link button that can no longer merge anything: the preview timed out, was declined or replaced
 * by a newer one, or its code was used or replaced meanwhile. Nothing was changed.
 */
export class LinkConfirmationGoneError extends Error {
  override name = 'LinkConfirmationGoneError';
  constructor(readonly reason: 'expired' | 'declined' | 'replaced' | 'code_gone' | 'unknown') {
    super(
      reason === 'declined'
        ? 'You cancelled this link. Nothing was changed.'
        : reason === 'replaced'
          ? 'This link request was replaced by a newer one. Nothing was changed; use the latest buttons.'
          : reason === 'code_gone'
            ? 'That code is no longer valid. Nothing was changed. Send /link on the other platform for a new one.'
            : 'This link request has expired. Nothing was changed. Send /link <code> again to see it anew.',
    );
  }
}

/** Someone other than the player who typed the code pressed its button: it does nothing. */
export class NotYourLinkConfirmationError extends Error {
  override name = 'NotYourLinkConfirmationError';
  constructor() {
    super('This button belongs to the player who typed the link code. Nothing was changed.');
  }
}

/** Linking state moved under a redemption (a concurrent link or unlink); the redemption is retried. */
export class LinkRaceError extends Error {
  override name = 'LinkRaceError';
  constructor() {
    super('The accounts changed while linking; please try again.');
  }
}

export type LinkingError =
  | LinkCodeFormatError
  | LinkCodeNotValidError
  | LinkCodeSamePlatformError
  | LinkLockedError
  | AlreadyLinkedError
  | NotLinkedError
  | LinkConfirmationGoneError
  | NotYourLinkConfirmationError
  | LinkRaceError;

/** True for the errors whose message a bot shows the player as is. */
export function isLinkingError(error: unknown): error is LinkingError {
  return (
    error instanceof LinkCodeFormatError ||
    error instanceof LinkCodeNotValidError ||
    error instanceof LinkCodeSamePlatformError ||
    error instanceof LinkLockedError ||
    error instanceof AlreadyLinkedError ||
    error instanceof NotLinkedError ||
    error instanceof LinkConfirmationGoneError ||
    error instanceof NotYourLinkConfirmationError ||
    error instanceof LinkRaceError
  );
}

/** `2026-11-22 12:34 UTC`: unambiguous whatever the reader's time zone. */
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
