import { randomUUID } from 'node:crypto';
import { rankRoleIds } from '../economy/ranks.ts';
import { noteDrift } from '../ledger/note-drift.ts';
import {
  loadLinkedMembers,
  type MemberRolesDeps,
  playersWithOpenEvents,
  restoreMemberRoles,
} from './member-roles.ts';
import { loadRankRoleMode } from './rank-role-settings.ts';
import {
  describeRoleDrift,
  desiredRoles,
  driftToRestore,
  findRoleDrift,
  type RoleDrift,
  type RoleDriftPolicy,
} from './role-drift.ts';

export type ObservedRoles =
  /** Not a linked player (or sync is off): Tandem has no say over this member's roles. */
  | { outcome: 'not-linked' }
  /** The roles are what Tandem wants, e.g. the echo of Tandem's own write: nothing is done. */
  | { outcome: 'in-sync' }
  /** A projection of this player is under way; its own write (and echo) settles the roles. */
  | { outcome: 'in-flight' }
  | { outcome: 'restored' | 'reported'; playerId: string; drift: RoleDrift };

/**
 * What the Discord bot calls when a member's roles change (GUILD_MEMBER_UPDATE). The echo of
 * Tandem's own role write matches what Tandem wants and does nothing at all: no event, no ledger
 * row, no write, so the bot never answers its own changes. A rank role changed by hand is put back
 * through the platform queue (`restore`) or only logged and counted (`report`); rank roles still in
 * the shape of the rank role mode before a switch are put back either way.
 */
export async function observeMemberRoles(
  ctx: MemberRolesDeps,
  member: { discordUserId: string; roleIds: readonly string[] },
  options: { roleDriftPolicy: RoleDriftPolicy },
): Promise<ObservedRoles> {
  const linked = (await loadLinkedMembers(ctx.db.pool, [member.discordUserId])).get(member.discordUserId);
  if (!linked) return { outcome: 'not-linked' };
  const catalog = await ctx.catalog.get();
  const mode = await loadRankRoleMode(ctx.db, ctx.logger);
  const drift = findRoleDrift(
    member.roleIds,
    desiredRoles(linked, catalog, mode),
    rankRoleIds(catalog.ranks),
  );
  if (!drift) return { outcome: 'in-sync' };
  if ((await playersWithOpenEvents(ctx.db.pool, [linked.playerId])).size > 0) return { outcome: 'in-flight' };

  const description = describeRoleDrift(drift);
  await noteDrift(ctx.db.pool, [{ playerId: linked.playerId, error: description }]);
  const fix = driftToRestore(drift, options.roleDriftPolicy);
  const restore = fix !== null;
  if (fix) await restoreMemberRoles(ctx, catalog, linked, fix, randomUUID());
  ctx.logger.warn(
    {
      playerId: linked.playerId,
      discordUserId: member.discordUserId,
      drift,
      policy: options.roleDriftPolicy,
    },
    `${description}${restore ? ': restoring' : ''}`,
  );
  return { outcome: restore ? 'restored' : 'reported', playerId: linked.playerId, drift };
}
