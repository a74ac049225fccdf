import { randomUUID } from 'node:crypto';
import type { RoleDriftPolicy } from '../../../roles/role-drift.ts';
import type { SyncContext } from '../../context.ts';
import { resumeQuietAudit } from './audit.ts';
import { type ReconcileReport, type ReconcileStep, Tally } from './findings.ts';
import { rederiveRanks } from './ranks-pass.ts';
import { reconcileRoles } from './roles-pass.ts';
import { reconcileStuckEvents } from './stuck-events-pass.ts';
import { reconcileTotals } from './totals-pass.ts';

export {
  driftKinds,
  maxStoredFindings,
  type ReconcileFinding,
  type ReconcileReport,
} from './findings.ts';

export interface ReconcileOptions {
  /** Rank roles changed by hand are put back (`restore`) or only reported. @defaultValue `restore` */
  roleDriftPolicy: RoleDriftPolicy;
  /** Events pending or processing longer than this are handed to the queue again. @defaultValue 300000 */
  stuckAfterMs: number;
  /** Players read per statement. @defaultValue 1000 */
  batchSize?: number;
  /** Guild members per Discord request (Discord allows at most 1000). @defaultValue 1000 */
  memberPageSize?: number;
  /** See TotalsPassOptions.maxNewCheckpoints. @defaultValue 10000 */
  maxNewCheckpoints?: number;
}

/**
 * Verifies what the sync engine keeps in step and puts drift right: account totals against ledger
 * sums (of the players that changed since their last check; an audit checks every one), ranks against XP, Discord roles against ranks and achievements (through the platform queue),
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

  await step(tally, 'totals', () =>
    reconcileTotals(ctx, runId, { batchSize, maxNewCheckpoints: options.maxNewCheckpoints ?? 10_000 }, tally),
  );
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
  await step(tally, 'stuck', () => reconcileStuckEvents(ctx, options.stuckAfterMs, tally));
  // An admin's audit whose next page job was lost goes on from its cursor.
  await step(tally, 'totals', async () => {
    await resumeQuietAudit(ctx);
  });

  const report: ReconcileReport = {
    runId,
    ...tally.report,
    findings: tally.found,
    durationMs: Date.now() - startedAt,
  };
  await ctx.db.pool.query(
    `UPDATE reconcile_runs SET finished_at = now(), players_checked = $2, totals_fixed = $3, roles_fixed = $4,
            events_requeued = $5, errors = $6, findings = $7::jsonb, totals_checked = $8
      WHERE id = $1`,
    [
      runId,
      report.playersChecked,
      report.totalsFixed,
      report.rolesFixed,
      report.eventsRequeued,
      report.errors,
      JSON.stringify(tally.findings()),
      report.totalsChecked,
    ],
  );
  ctx.metrics?.community.reconcileRun(tally.byKind, tally.drift);
  const log = report.errors > 0 ? ctx.logger.warn.bind(ctx.logger) : ctx.logger.info.bind(ctx.logger);
  log(
    report,
    `reconcile #${runId}: ${report.playersChecked} players, ${report.totalsChecked} totals checked, ` +
      `${report.totalsFixed} totals fixed, ${report.chainBreaks} chain breaks, ` +
      `${report.ranksRederived} ranks re-derived, ${report.roleDrifts} role drifts (${report.rolesFixed} fixed), ` +
      `${report.eventsRequeued} events requeued, ${report.errors} errors in ${report.durationMs} ms`,
  );
  return report;
}

/** Runs one pass; its failure is counted as a finding and the run goes on with the next pass. */
async function step(tally: Tally, name: ReconcileStep, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    tally.error(name, error);
  }
}
