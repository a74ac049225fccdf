import type { Platform } from '../core/platforms.ts';
import { countOf, formatNumber } from '../core/text-format.ts';
import { otherPlatform, platformName } from './errors.ts';
import type { LinkingDeps } from './link-pair.ts';

/**
 * Tells the player who asked for the code, on the platform where they asked, that the other
 * platform's account joined theirs, through the paced notifications queue. The job id names the
 * merged account, which can be merged only once: one notice however often this runs. The link is
 * already committed, so an unreachable Redis is logged, not thrown.
 */
export async function notifyIssuerLinked(
  deps: Pick<LinkingDeps, 'db' | 'queues' | 'logger'>,
  link: { survivorId: string; issuedOn: Platform; absorbedId: string; xp: number; coins: number },
): Promise<void> {
  if (!deps.queues) return;
  const { rows } = await deps.db.pool.query<{
    platform: Platform;
    platform_user_id: string;
    username: string | null;
  }>('SELECT platform, platform_user_id, username FROM identities WHERE player_id = $1', [link.survivorId]);
  const issuer = rows.find((r) => r.platform === link.issuedOn);
  const joined = rows.find((r) => r.platform === otherPlatform(link.issuedOn));
  if (!issuer) return;
  try {
    await deps.queues.enqueueNotification(`linked-${link.absorbedId}-${link.issuedOn}`, {
      platform: issuer.platform,
      platformUserId: issuer.platform_user_id,
      text: issuerLinkedNotice({
        joinedPlatform: otherPlatform(link.issuedOn),
        joinedName: joined?.username ?? null,
        xp: link.xp,
        coins: link.coins,
      }),
    });
  } catch (error) {
    deps.logger?.warn(
      { err: error, playerId: link.survivorId, platform: link.issuedOn },
      'link notice not queued: Redis unreachable',
    );
  }
}

/** Told to the player who asked for the code, on their platform, once the other side confirmed. */
export function issuerLinkedNotice(link: {
  joinedPlatform: Platform;
  joinedName: string | null;
  xp: number;
  coins: number;
}): string {
  const other = platformName(link.joinedPlatform);
  const who = link.joinedName ? `${other} account ${link.joinedName}` : `${other} account`;
  const lines = [`✅ Linked: the ${who} used your code and now shares this account.`];
  if (link.xp > 0 || link.coins > 0) {
    lines.push(
      `Its progress (${formatNumber(link.xp)} XP and ${countOf(link.coins, 'coin')}) was added here.`,
    );
  }
  lines.push('From now on, everything you earn on either platform goes to one account.');
  return lines.join('\n');
}
