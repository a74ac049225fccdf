import { evaluateAlerts } from '../../alerts/evaluate-alerts.ts';
import type { PagerWindows } from '../../alerts/pager-conditions.ts';
import type { SyncContext } from '../context.ts';
import type { MaintenanceJob } from '../queues.ts';
import { announceBoostStarts } from './boost-starts.ts';
import { cleanupLinkCodes, cleanupSyncEvents, type RetentionOptions } from './cleanup.ts';
import { closeSeasonsTick } from './close-seasons.ts';
import { relayPendingEvents } from './outbox-relay.ts';
import { auditNextPage } from './reconcile/audit.ts';
import { type ReconcileOptions, reconcile } from './reconcile/reconcile.ts';
import { shopTick } from './shop-tick.ts';

export interface MaintenanceOptions {
  retention: RetentionOptions;
  reconcile: ReconcileOptions;
  /** See RelayOptions.staleAfterMs. */
  outboxStaleAfterMs: number;
  /** The pager's thresholds and windows (src/alerts/pager-conditions.ts). @defaultValue pagerDefaults */
  alerts?: Partial<PagerWindows>;
}

/** Runs one scheduled task; the result is kept on the job for Bull Board. */
export async function runMaintenance(
  ctx: SyncContext,
  options: MaintenanceOptions,
  task: MaintenanceJob['task'],
): Promise<unknown> {
  switch (task) {
    case 'outbox-relay':
      return { relayed: await relayPendingEvents(ctx, { staleAfterMs: options.outboxStaleAfterMs }) };
    case 'cleanup': {
      const deleted = await cleanupSyncEvents(ctx.db.pool, options.retention);
      const linkCodes = await cleanupLinkCodes(ctx.db.pool);
      ctx.logger.info({ deleted, linkCodes }, 'cleanup deleted old sync events and expired link codes');
      return { ...deleted, linkCodes };
    }
    case 'reconcile':
      return reconcile(ctx, options.reconcile);
    case 'reconcile-audit': {
      const audit = await auditNextPage(ctx);
      return audit && { ...audit, findings: audit.findings.length };
    }
    case 'close-seasons': {
      // The minute tick is also the fallback for boost starts: each start's own delayed job lives
      // only in Redis and is added after the boost is saved, so a flushed Redis or a process that
      // died between the save and the add would leave the start unannounced. The claim in
      // announceBoostStarts makes running it from both harmless, and a lost start is announced
      // within a tick. It runs first, so a failing season close does not hold it up.
      const boostStarts = await announceBoostStarts(ctx);
      return { ...(await closeSeasonsTick(ctx)), boostStarts };
    }
    case 'boost-start':
      return { announced: await announceBoostStarts(ctx) };
    case 'shop-tick':
      return shopTick(ctx);
    case 'evaluate-alerts': {
      const { queues, redis, queuePrefix } = ctx;
      if (!redis || !queuePrefix) return { skipped: 'no Redis connection for the signals' };
      return evaluateAlerts(
        {
          pool: ctx.db.pool,
          redis,
          prefix: queuePrefix,
          queues: queues.all(),
          enqueuePage: (dedupId, job) => queues.enqueueNotification(dedupId, job),
          logger: ctx.logger,
          changes: ctx.changes,
        },
        options.alerts,
      );
    }
  }
}
