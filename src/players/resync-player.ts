import { createHash } from 'node:crypto';
import { minuteBucket } from '../economy/earning-rules.ts';
import { rankRoleIds } from '../economy/ranks.ts';
import { restorePlayerTotals } from '../ledger/restore-totals.ts';
import { loadLinkedMembers, type MemberRolesDeps, restoreMemberRoles } from '../roles/member-roles.ts';
import { desiredRoles, type RoleDrift } from '../roles/role-drift.ts';
import { loadProfile, type PlayerProfile } from './load-profile.ts';

export interface ResyncResult {
  profile: PlayerProfile;
  /** The account's totals had drifted from its ledger and were put back. */
  totalsFixed: boolean;
  /**
   * A re-apply of the rank and achievement roles was queued by this call. false when the player has
   * no linked Discord identity, or a `/sync` of the same minute already queued one.
   */
  rolesQueued: boolean;
}

/**
 * Discord `/sync`: what reconcile does for everyone, now for one player. Totals are checked against
 * the ledger (and put back if they drifted); then the member's rank role and achievement roles are
 * re-applied through the platform queue, paced and 429-aware like any projection, without asking
 * Discord what the member holds: setting the rank role removes every other rank role, and granting
 * a role the member has is harmless. The fix is named after the player and the minute, so a double
 * tap (or a replayed interaction) queues it once.
 */
export async function resyncPlayer(
  ctx: Omit<MemberRolesDeps, 'logger'>,
  playerId: string,
  options: {
    /** Names the minute of this `/sync`. @defaultValue the current time */
    now?: Date;
  } = {},
): Promise<ResyncResult> {
  // Resolves a merged id to its account, and throws PlayerNotFoundError before anything is written.
  const { playerId: accountId } = await loadProfile(ctx, playerId);
  const totalsFixed = (await restorePlayerTotals(ctx.db.pool, accountId)) !== null;

  let rolesQueued = false;
  const { rows } = await ctx.db.pool.query<{ platform_user_id: string }>(
    `SELECT platform_user_id FROM identities WHERE player_id = $1 AND platform = 'discord' AND sync_enabled`,
    [accountId],
  );
  const discordUserId = rows[0]?.platform_user_id;
  const member = discordUserId && (await loadLinkedMembers(ctx.db.pool, [discordUserId])).get(discordUserId);
  if (member) {
    const catalog = await ctx.catalog.get();
    const desired = desiredRoles(member, catalog);
    // Everything treated as drifted: the member's actual roles are not read (that is a guild page).
    const everything: RoleDrift = {
      extraRankRoleIds: [...rankRoleIds(catalog.ranks)].filter((id) => id !== desired.rankRoleId),
      missingRankRoleId: desired.rankRoleId,
      missingAchievementRoleIds: desired.achievementRoleIds,
    };
    const causeId = nameBasedUuid(`resync-${accountId}-${minuteBucket(options.now ?? new Date())}`);
    rolesQueued = await restoreMemberRoles(ctx, catalog, member, everything, causeId);
  }
  const profile = await loadProfile(ctx, accountId);
  return { profile, totalsFixed, rolesQueued };
}

/** A UUID (version 8, RFC 9562) derived from `name`: the same name always gives the same id. */
function nameBasedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
