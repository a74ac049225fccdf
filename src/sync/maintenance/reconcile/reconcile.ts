import { randomUUID } from 'node:crypto';
import type { Catalog } from '../../../catalog/catalog.ts';
import { rankForXp, rankRoleIds } from '../../../economy/ranks.ts';
import { deriveRankChange } from '../../../progression/derive-rank.ts';
import { loadLinkedMembers, playersWithOpenEvents, restoreMemberRoles } from '../../../roles/member-roles.ts';
import {
  describeRoleDrift,
  desiredRoles,
  findRoleDrift,
  type RoleDrift,
  type RoleDriftPolicy,
} from '../../../roles/role-drift.ts';
import type { SyncContext } from '../../context.ts';
import { type DiscordPort, PlatformRateLimitedError } from '../../ports.ts';
import { noteDrift } from '../note-drift.ts';
import { requeueStuckEvents, type StuckEvent } from '../requeue-stuck-events.ts';
import { findDriftedTotals, restorePlayerTotals, type Totals } from '../restore-totals.ts';

export interface ReconcileOptions {
  /** Rank roles changed by hand are put back (`restore`) or only reported. @defaultValue `restore` */
  roleDriftPolicy: RoleDriftPolicy;
  /** Events pending or processing longer than this are handed to the queue again. @defaultValue 300000 */
  stuckAfterMs: number;
  /** Players read per statement. @defaultValue 1000 */
  batchSize?: number;
  /** Guild members per Discord request (Discord allows at most 1000). @defaultValue 1000 */
  memberPageSize?: number;
}

export interface ReconcileReport {
  runId: number;
  playersChecked: number;
  totalsFixed: number;
  /** Players whose rank had not been derived from their XP: a rank_change is now recorded. */
  ranksRederived: number;
  /** Linked Discord members whose roles were compared. */
  membersChecked: number;
  /** Members whose roles differed from what Tandem wants (restored or, by policy, reported). */
  roleDrifts: number;
  rolesFixed: number;
  eventsRequeued: number;
  errors: number;
  /** Everything found, including what was left out of the stored list. */
  findings: number;
  durationMs: number;
}

export type ReconcileFinding =
  | { kind: 'totals'; playerId: string; expected: Totals; actual: Totals; error?: string }
  | { kind: 'rank'; playerId: string; expectedRankId: number | null; actualRankId: number | null }
  | {
      kind: 'roles';
      playerId: string;
      discordUserId: string;
      drift: RoleDrift;
      action: 'restored' | 'reported' | 'error';
      error?: string;
    }
  | ({ kind: 'stuck' } & StuckEvent)
  | { kind: 'error'; step: 'totals' | 'ranks' | 'roles' | 'stuck'; message: string }
  | { kind: 'truncated'; omitted: number };

/** Findings kept on the ReconcileRun row; the rest are counted in a final `truncated` entry. */
export const maxStoredFindings = 200;

class Tally {
  readonly report: Omit<ReconcileReport, 'runId' | 'findings' | 'durationMs'> = {
    playersChecked: 0,
    totalsFixed: 0,
    ranksRederived: 0,
    membersChecked: 0,
    roleDrifts: 0,
    rolesFixed: 0,
    eventsRequeued: 0,
    errors: 0,
  };
  private readonly kept: ReconcileFinding[] = [];
  found = 0;

  add(finding: ReconcileFinding): void {
    this.found += 1;
    if (this.kept.length < maxStoredFindings) this.kept.push(finding);
  }

  error(step: Extract<ReconcileFinding, { kind: 'error' }>['step'], error: unknown): void {
    this.report.errors += 1;
    this.add({ kind: 'error', step, message: messageOf(error) });
  }

  findings(): ReconcileFinding[] {
    const omitted = this.found - this.kept.length;
    return omitted > 0 ? [...this.kept, { kind: 'truncated', omitted }] : this.kept;
  }
}

/**
 * Verifies what the sync engine keeps in step and puts drift right: account totals against ledger
 * sums, ranks against XP, Discord roles against ranks and achievements (through the platform queue),
 * and events stuck on the way. Each part runs even when another failed (Discord being down never
 * stops the totals check); what a run found is kept on its ReconcileRun row.
 */
export async function reconcile(ctx: SyncContext, options: ReconcileOptions): Promise<ReconcileReport> {
  const startedAt = Date.now();
  const run = await ctx.db.pool.query<{ id: number }>(
    'INSERT INTO reconcile_runs DEFAULT VALUES RETURNING id',
  );
  const runId = run.rows[0]!.id;
  // Names this run in the keys of the events it records, so each fix is recorded once per run.
  const runKey = randomUUID();
  const tally = new Tally();
  const batchSize = options.batchSize ?? 1000;

  await step(tally, 'totals', async () => {
    for (const playerId of await findDriftedTotals(ctx.db.pool)) {
      try {
        const fixed = await restorePlayerTotals(ctx.db.pool, playerId);
        if (!fixed) continue;
        tally.report.totalsFixed += 1;
        tally.add({ kind: 'totals', playerId, ...fixed });
      } catch (error) {
        tally.report.errors += 1;
        tally.add({ kind: 'error', step: 'totals', message: `player ${playerId}: ${messageOf(error)}` });
      }
    }
  });
  const catalog = await ctx.catalog.get().catch((error: unknown) => {
    tally.error('ranks', error);
    return null;
  });
  if (catalog) {
    await step(tally, 'ranks', () => rederiveRanks(ctx, catalog, runKey, batchSize, tally));
    const discord = ctx.ports.discord;
    if (discord)
      await step(tally, 'roles', () => reconcileRoles(ctx, discord, catalog, runKey, options, tally));
  }
  await step(tally, 'stuck', async () => {
    for (const stuck of await requeueStuckEvents(ctx, options.stuckAfterMs)) {
      tally.add({ kind: 'stuck', ...stuck });
      if (stuck.action === 'error') tally.report.errors += 1;
      else tally.report.eventsRequeued += 1;
    }
  });

  const report: ReconcileReport = {
    runId,
    ...tally.report,
    findings: tally.found,
    durationMs: Date.now() - startedAt,
  };
  await ctx.db.pool.query(
    `UPDATE reconcile_runs SET finished_at = now(), players_checked = $2, totals_fixed = $3, roles_fixed = $4,
            events_requeued = $5, errors = $6, findings = $7::jsonb
      WHERE id = $1`,
    [
      runId,
      report.playersChecked,
      report.totalsFixed,
      report.rolesFixed,
      report.eventsRequeued,
      report.errors,
      JSON.stringify(tally.findings()),
    ],
  );
  const log = report.errors > 0 ? ctx.logger.warn.bind(ctx.logger) : ctx.logger.info.bind(ctx.logger);
  log(
    report,
    `reconcile #${runId}: ${report.playersChecked} players, ${report.totalsFixed} totals fixed, ` +
      `${report.ranksRederived} ranks re-derived, ${report.roleDrifts} role drifts (${report.rolesFixed} fixed), ` +
      `${report.eventsRequeued} events requeued, ${report.errors} errors in ${report.durationMs} ms`,
  );
  return report;
}

async function step(tally: Tally, name: Parameters<Tally['error']>[0], work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    tally.error(name, error);
  }
}

const playerBatchSql = `
SELECT p.id, p.xp, p.merged_into_id IS NOT NULL AS merged, s.last_rank_id
  FROM players p LEFT JOIN sync_states s ON s.player_id = p.id
 WHERE p.id > $1::uuid ORDER BY p.id LIMIT $2`;

// The players are locked (KEY SHARE, in id order) before their sync_states rows are written. An economy
// job holds its player FOR UPDATE and then inserts that player's sync_states row; without the lock first,
// this batch could insert the same row and then wait on the player for the foreign key check, while the
// job waits on this batch's insert: a deadlock the first reconcile after a burst of new players hit.
const markReconciledSql = `
WITH locked AS (SELECT id FROM players WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE)
INSERT INTO sync_states (player_id, last_reconcile_at)
SELECT id, now() FROM locked
ON CONFLICT (player_id) DO UPDATE SET last_reconcile_at = EXCLUDED.last_reconcile_at`;

/**
 * Walks every player in id order, a batch per statement: records the rank changes that were never
 * derived (a rank_change through the normal queue) and stamps each batch as reconciled. Players
 * with an open event are left to it: its processor derives their rank.
 */
async function rederiveRanks(
  ctx: SyncContext,
  catalog: Catalog,
  runKey: string,
  batchSize: number,
  tally: Tally,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await ctx.db.pool.query<{
      id: string;
      xp: number;
      merged: boolean;
      last_rank_id: number | null;
    }>(playerBatchSql, [after, batchSize]);
    if (rows.length === 0) break;
    const behind = rows.filter(
      (r) => !r.merged && (rankForXp(r.xp, catalog.ranks)?.id ?? null) !== r.last_rank_id,
    );
    const busy = await playersWithOpenEvents(
      ctx.db.pool,
      behind.map((r) => r.id),
    );
    for (const row of behind) {
      if (busy.has(row.id)) continue;
      const recorded = await deriveRankChange(ctx.engine, catalog, {
        playerId: row.id,
        causeEventId: runKey,
      });
      if (!recorded) continue;
      tally.report.ranksRederived += 1;
      tally.add({
        kind: 'rank',
        playerId: row.id,
        expectedRankId: rankForXp(row.xp, catalog.ranks)?.id ?? null,
        actualRankId: row.last_rank_id,
      });
    }
    await ctx.db.pool.query(markReconciledSql, [rows.map((r) => r.id)]);
    tally.report.playersChecked += rows.length;
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Pages through the guild (one request per page, never one per player) and compares each linked
 * member's roles with the roles of their rank and achievements. Members who are not linked players
 * are not Tandem's business.
 */
async function reconcileRoles(
  ctx: SyncContext,
  discord: DiscordPort,
  catalog: Catalog,
  runKey: string,
  options: ReconcileOptions,
  tally: Tally,
): Promise<void> {
  const managed = rankRoleIds(catalog.ranks);
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
      const drift = findRoleDrift(m.roleIds, desiredRoles(member, catalog), managed);
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
      if (options.roleDriftPolicy === 'report') {
        tally.add({ ...base, action: 'reported' });
        continue;
      }
      try {
        if (await restoreMemberRoles(ctx, catalog, member, drift, runKey)) tally.report.rolesFixed += 1;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
