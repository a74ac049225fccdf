import type { Message } from '../core/message.ts';
import type { Platform } from '../core/platforms.ts';
import { messageOf } from '../texts/default-texts.ts';
import { otherPlatform, platformName } from './errors.ts';
import type { LinkingDeps } from './link-pair.ts';

/** A committed link: the redeemer's account (`absorbedId`) joined the issuer's (`survivorId`). */
export interface CommittedLink {
  survivorId: string;
  /** Where the code was issued: the issuer's platform; the redeemer is on the other one. */
  issuedOn: Platform;
  absorbedId: string;
  /** What the redeemer's account brought. */
  xp: number;
  coins: number;
}

interface Side {
  platform: Platform;
  platformUserId: string;
  /** How the other side knows this one: its username on the platform, else its account's name. */
  name: string;
}

/**
 * Tells both people that the link worked, one message each naming the account they are now linked
 * with, what the redeemer's account added and the totals after it. The issuer is told by a notice
 * on their platform; the redeemer pressed the button, so the answer to the press is their message
 * (returned here), and a notice besides would tell them twice. The merge's own ledger rows tell
 * nothing. The issuer's job id names the merged account, which can be merged only once: one notice
 * however often this runs. The link is already committed, so an unreachable Redis is logged, not
 * thrown. Null when the accounts changed since (an unlink in between): the caller says "linked".
 */
export async function notifyLinked(
  deps: Pick<LinkingDeps, 'db' | 'queues' | 'logger'>,
  link: CommittedLink,
): Promise<Message | null> {
  const { sides, totals } = await sidesOf(deps, link);
  const issuer = sides.find((s) => s.platform === link.issuedOn);
  const redeemer = sides.find((s) => s.platform === otherPlatform(link.issuedOn));
  // Both identities are on the kept account once the link committed; anything else was undone since.
  if (!issuer || !redeemer || !totals) return null;
  try {
    await deps.queues?.enqueueNotification(`linked-${link.absorbedId}-${issuer.platform}`, {
      platform: issuer.platform,
      platformUserId: issuer.platformUserId,
      message: linkedMessage('issuer', link, redeemer, totals),
    });
  } catch (error) {
    deps.logger?.warn(
      { err: error, playerId: link.survivorId, platform: issuer.platform },
      'link notice not queued: Redis unreachable',
    );
  }
  return linkedMessage('redeemer', link, issuer, totals);
}

/** "Linked with <the other side> on <its platform>", what was added and the totals now. */
export function linkedMessage(
  side: 'issuer' | 'redeemer',
  link: Pick<CommittedLink, 'xp' | 'coins'>,
  other: Pick<Side, 'platform' | 'name'>,
  totals: { xp: number; balance: number },
): Message {
  const added = link.xp > 0 || link.coins > 0;
  const params = {
    name: other.name,
    platform: platformName(other.platform),
    totalXp: totals.xp,
    totalCoins: totals.balance,
  };
  if (!added) return messageOf(`notice.linked.${side}.nothingAdded`, params);
  return messageOf(`notice.linked.${side}`, { ...params, addedXp: link.xp, addedCoins: link.coins });
}

/** The identities of the kept account, each with the name the other side knows it by, and its totals. */
async function sidesOf(
  deps: Pick<LinkingDeps, 'db'>,
  link: CommittedLink,
): Promise<{ sides: Side[]; totals: { xp: number; balance: number } | null }> {
  const { rows } = await deps.db.pool.query<{
    platform: Platform;
    platform_user_id: string;
    name: string;
    xp: number;
    balance: number;
  }>(
    `SELECT i.platform, i.platform_user_id, s.xp, s.balance,
            coalesce(i.username, CASE WHEN i.platform = $2::"Platform" THEN s.display_name ELSE a.display_name END) AS name
       FROM players s
       JOIN identities i ON i.player_id = s.id
       LEFT JOIN players a ON a.id = $3
      WHERE s.id = $1`,
    [link.survivorId, link.issuedOn, link.absorbedId],
  );
  return {
    sides: rows.map((r) => ({ platform: r.platform, platformUserId: r.platform_user_id, name: r.name })),
    totals: rows[0] ? { xp: rows[0].xp, balance: rows[0].balance } : null,
  };
}
