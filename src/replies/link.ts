import { otherPlatform, platformName } from '../linking/errors.ts';
import type { Platform } from '../linking/identities.ts';
import type { IssuedLinkCode } from '../linking/issue-link-code.ts';
import { linkCodeTtlMinutes } from '../linking/link-codes.ts';
import type { LinkResult } from '../linking/redeem-link-code.ts';
import type { UnlinkResult } from '../linking/unlink-identity.ts';
import { countOf, formatNumber } from './format.ts';

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
