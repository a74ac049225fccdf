import type { Platform } from '../core/platforms.ts';
import { otherPlatform, platformName } from '../linking/errors.ts';
import type { IssuedLinkCode } from '../linking/issue-link-code.ts';
import { linkCodeTtlMinutes } from '../linking/link-codes.ts';
import type { LinkPreview } from '../linking/link-confirmations.ts';
import type { LinkResult } from '../linking/link-pair.ts';
import type { UnlinkResult } from '../linking/unlink-identity.ts';
import { isTextKey } from '../texts/default-texts.ts';
import type { Translate } from '../texts/texts.ts';

/** `/link` without a code: the code and where to type it. `issuedOn` is where the player asked. */
export function linkCodeReply(t: Translate, issued: IssuedLinkCode, issuedOn?: Platform): string {
  const params = { code: issued.code, minutes: linkCodeTtlMinutes };
  const target = issuedOn && otherPlatform(issuedOn);
  if (target === 'telegram') return t('reply.link.codeForTelegram', params);
  if (target === 'discord') return t('reply.link.codeForDiscord', params);
  return t('reply.link.code', params);
}

/**
 * `/link <code>`: what linking will do, before anything moves. Says which account is kept, what
 * moves in which direction and the totals afterwards; the buttons below confirm or cancel.
 */
export function linkPreviewReply(t: Translate, preview: LinkPreview, now: Date = new Date()): string {
  const figures = (f: { xp: number; coins: number }) => t('reply.link.figures', { xp: f.xp, coins: f.coins });
  return t('reply.link.preview', {
    platform: platformName(preview.mergedPlatform),
    otherPlatform: platformName(preview.keptPlatform),
    player: preview.keptName,
    merged: figures(preview.merged),
    kept: figures(preview.kept),
    together: figures(preview.together),
    button: linkButtonLabels(t).confirm,
    minutes: Math.max(1, Math.round((preview.expiresAt.getTime() - now.getTime()) / 60_000)),
  });
}

/** The labels of the preview's buttons. */
export function linkButtonLabels(t: Translate): { confirm: string; cancel: string } {
  return { confirm: t('reply.link.confirmButton'), cancel: t('reply.link.cancelButton') };
}

/** The preview's Cancel button. */
export function linkDeclinedReply(t: Translate): string {
  return t('reply.link.declined');
}

/** `/link <code>` succeeded. */
export function linkedReply(t: Translate, result: LinkResult): string {
  const platform = platformName(result.linkedWith);
  if (result.alreadyLinked) return t('reply.link.alreadyLinked', { platform });
  if (result.message && isTextKey(result.message.key)) return t(result.message.key, result.message.params);
  const { xp, coins } = result.moved;
  return result.merged && (xp > 0 || coins > 0)
    ? t('reply.link.linkedAdded', { platform, xp, coins })
    : t('reply.link.linked', { platform });
}

/** `/unlink` succeeded. `unlinkedOn` is the platform the player unlinked (where they asked). */
export function unlinkedReply(t: Translate, _result: UnlinkResult, unlinkedOn?: Platform): string {
  if (!unlinkedOn) return t('reply.link.unlinkedHere');
  return t('reply.link.unlinked', {
    platform: platformName(unlinkedOn),
    otherPlatform: platformName(otherPlatform(unlinkedOn)),
  });
}
