import type { Catalog } from '../../../catalog/catalog.ts';
import { rankRoleIds } from '../../../economy/ranks.ts';
import { noteDrift } from '../../../ledger/note-drift.ts';
import { loadLinkedMembers, playersWithOpenEvents, restoreMemberRoles } from '../../../roles/member-roles.ts';
import { loadRankRoleMode } from '../../../roles/rank-role-settings.ts';
import {
  describeRoleDrift,
  desiredRoles,
  driftToRestore,
  findRoleDrift,
  type RoleDriftPolicy,
} from '../../../roles/role-drift.ts';
import type { SyncContext } from '../../context.ts';
import { type DiscordPort, PlatformRateLimitedError } from '../../ports.ts';
import { messageOf, type Tally } from './findings.ts';

/**
 * Pages through the guild (one request per page, never one per player) and compares each linked
 * member's roles with the roles of their rank and achievements. Members who are not linked players
 * are not Tandem's business. The rank role mode (replace or stack) says which rank roles are expected;
 * after a switch, every member still in the old mode's shape is brought in line through the platform
 * queue, paced like any projection, whatever the drift policy.
 */
export async function reconcileRoles(
  ctx: SyncContext,
  discord: DiscordPort,
  catalog: Catalog,
  runKey: string,
  options: { roleDriftPolicy: RoleDriftPolicy; memberPageSize?: number },
  tally: Tally,
): Promise<void> {
  const managed = rankRoleIds(catalog.ranks);
  const mode = await loadRankRoleMode(ctx.db, ctx.logger);
  const limit = options.memberPageSize ?? 1000;
  let after: string | null = null;
  for (;;) {
    const page = await listMembersPage(discord, after, limit);
    const linked = await loadLinkedMembers(
      ctx.db.pool,
      page.members.map((m) => m.userId),
    );
    const drifted = page.members.flatMap((m) => {
      const member = linked.get(m.userId);
      if (!member) return [];
      tally.report.membersChecked += 1;
      const drift = findRoleDrift(m.roleIds, desiredRoles(member, catalog, mode), managed);
      return drift ? [{ member, drift }] : [];
    });
    const busy = await playersWithOpenEvents(
      ctx.db.pool,
      drifted.map((d) => d.member.playerId),
    );
    const settled = drifted.filter((d) => !busy.has(d.member.playerId));
    await noteDrift(
      ctx.db.pool,
      settled.map((d) => ({ playerId: d.member.playerId, error: describeRoleDrift(d.drift) })),
    );
    for (const { member, drift } of settled) {
      tally.report.roleDrifts += 1;
      const base = {
        kind: 'roles',
        playerId: member.playerId,
        discordUserId: member.discordUserId,
        drift,
      } as const;
      const fix = driftToRestore(drift, options.roleDriftPolicy);
      if (!fix) {
        tally.add({ ...base, action: 'reported' });
        continue;
      }
      try {
        if (await restoreMemberRoles(ctx, catalog, member, fix, runKey)) tally.report.rolesFixed += 1;
        tally.add({ ...base, action: 'restored' });
      } catch (error) {
        tally.report.errors += 1;
        tally.add({ ...base, action: 'error', error: messageOf(error) });
      }
    }
    if (page.nextAfter === null || page.nextAfter === after) break;
    after = page.nextAfter;
  }
}

/** One page of members; a 429 waits as long as Discord asks (a few times) instead of failing the pass. */
async function listMembersPage(discord: DiscordPort, after: string | null, limit: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await discord.listMemberRoles({ after, limit });
    } catch (error) {
      if (!(error instanceof PlatformRateLimitedError) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfterMs, 60_000)));
    }
  }
}
