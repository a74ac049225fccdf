import type { Platform } from '../core/platforms.ts';
import { countOf, formatNumber } from '../core/text-format.ts';
import { otherPlatform, platformName } from '../linking/errors.ts';
import type { IssuedLinkCode } from '../linking/issue-link-code.ts';
import { linkCodeTtlMinutes } from '../linking/link-codes.ts';
import type { LinkPreview } from '../linking/link-confirmations.ts';
import type { LinkResult } from '../linking/link-pair.ts';
import type { UnlinkResult } from '../linking/unlink-identity.ts';

/** `/link` without a code: the code and where to type it. `issuedOn` is where the player asked. */
export function linkCodeReply(issued: IssuedLinkCode, issuedOn?: Platform): string {
  const within = `within ${linkCodeTtlMinutes} minutes`;
  const target = issuedOn && otherPlatform(issuedOn);
  const how =
    target === 'telegram'
      ? `Send /link ${issued.code} to the Telegram bot ${within}.`
      : target === 'discord'
        ? `On Discord, use /link with this code ${within}.`
        : `Use /link ${issued.code} on the other platform ${within}.`;
  return [
    `🔗 Your link code: ${issued.code}`,
    how,
    'It works once. Everything you earned on both sides is added together.',
  ].join('\n');
}

/** `1,200 XP, 750 coins`. */
function figures(f: { xp: number; coins: number }): string {
  return `${formatNumber(f.xp)} XP, ${countOf(f.coins, 'coin')}`;
}

/**
 * `/link <code>`: what linking will do, before anything moves. Says which account is kept, what
 * moves in which direction and the totals afterwards; the buttons below confirm or cancel.
 */
export function linkPreviewReply(preview: LinkPreview, now: Date = new Date()): string {
  const mine = platformName(preview.mergedPlatform);
  const kept = platformName(preview.keptPlatform);
  const minutes = Math.max(1, Math.round((preview.expiresAt.getTime() - now.getTime()) / 60_000));
  return [
    `🔗 Your ${mine} account (${figures(preview.merged)}) will be merged into the ${kept} account of ` +
      `${preview.keptName} (${figures(preview.kept)}); together: ${figures(preview.together)}.`,
    `The ${kept} account is kept: your ${mine} account joins it and its own XP and coins move there.`,
    `Only confirm if ${preview.keptName} is you. Nothing changes until you press ${linkButtonLabels.confirm}` +
      ` (within ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}).`,
  ].join('\n');
}

export const linkButtonLabels = { confirm: 'Link accounts', cancel: 'Cancel' } as const;

/** The preview's Cancel button. */
export function linkDeclinedReply(): string {
  return 'Cancelled. Nothing was changed.';
}

/** `/link <code>` succeeded. */
export function linkedReply(result: LinkResult): string {
  const other = platformName(result.linkedWith);
  if (result.alreadyLinked) return `You're already linked with that ${other} account. Nothing changed.`;
  const lines = [`✅ Linked with your ${other} account!`];
  const { xp, coins } = result.moved;
  if (result.merged && (xp > 0 || coins > 0)) {
    lines.push(`Your progress here (${formatNumber(xp)} XP and ${countOf(coins, 'coin')}) was added to it.`);
  }
  lines.push('From now on, everything you earn on either platform goes to one account.');
  return lines.join('\n');
}

/** `/unlink` succeeded. `unlinkedOn` is the platform the player unlinked (where they asked). */
export function unlinkedReply(_result: UnlinkResult, unlinkedOn?: Platform): string {
  const here = unlinkedOn ? `This ${platformName(unlinkedOn)} account` : 'This account';
  const there = unlinkedOn ? `your ${platformName(otherPlatform(unlinkedOn))} account` : 'your other account';
  return (
    `Unlinked. ${here} starts fresh; your XP, coins and achievements stay with ${there}. ` +
    'Send /link any time to connect them again.'
  );
}
