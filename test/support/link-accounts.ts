import { confirmLink } from '../../src/linking/confirm-link.ts';
import type { IdentityRef } from '../../src/linking/identities.ts';
import { issueLinkCode } from '../../src/linking/issue-link-code.ts';
import type { LinkingDeps, LinkResult } from '../../src/linking/link-pair.ts';
import { redeemLinkCode } from '../../src/linking/redeem-link-code.ts';

/** Types `code` as `redeemer` and presses the preview's confirm button, as a player who agrees. */
export async function redeemAndConfirm(
  deps: LinkingDeps,
  redeemer: IdentityRef,
  code: string,
  now: Date,
): Promise<LinkResult> {
  const redeemed = await redeemLinkCode(deps, { ...redeemer, code, now });
  if (redeemed.kind === 'linked') return redeemed.result;
  const press = { ...redeemer, confirmationId: redeemed.preview.confirmationId, now };
  const confirmed = await confirmLink(deps, press);
  if (confirmed.kind !== 'linked') throw new Error('the accounts changed between preview and confirmation');
  return confirmed.result;
}

/** `/link` as `issuer`, then the code typed and confirmed as `redeemer`. */
export async function linkAccounts(
  deps: LinkingDeps,
  issuer: IdentityRef,
  redeemer: IdentityRef,
  now: Date,
): Promise<LinkResult> {
  const { code } = await issueLinkCode(deps.db, { ...issuer, now });
  return redeemAndConfirm(deps, redeemer, code, now);
}
