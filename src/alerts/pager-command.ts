import type { Queryable } from '../db/queryable.ts';
import { type PagerPlatform, redeemPagerCode, stopPagesTo } from './pager-signup.ts';

/** What `/pager` did, for the bot to say (src/replies/pager.ts). */
export type PagerCommandResult =
  | { kind: 'confirmed'; username: string }
  | { kind: 'stopped' }
  | { kind: 'notSignedUp' }
  | { kind: 'codeNotValid' }
  | { kind: 'usage' };

/** `/pager CODE` signs the sender up for an admin's pages; `/pager off` stops them. */
export async function runPagerCommand(
  pool: Queryable,
  input: { platform: PagerPlatform; platformUserId: string; language: string | null; args: string },
): Promise<PagerCommandResult> {
  const args = input.args.trim();
  if (!args) return { kind: 'usage' };
  if (/^(off|stop|стоп)$/i.test(args)) {
    return (await stopPagesTo(pool, input.platform, input.platformUserId))
      ? { kind: 'stopped' }
      : { kind: 'notSignedUp' };
  }
  const outcome = await redeemPagerCode(pool, { ...input, code: args });
  if (outcome.ok) return { kind: 'confirmed', username: outcome.username };
  return outcome.reason === 'format' ? { kind: 'usage' } : { kind: 'codeNotValid' };
}
