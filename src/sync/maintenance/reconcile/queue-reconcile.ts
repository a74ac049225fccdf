import type { Queues } from '../../queues.ts';

/**
 * Queues a reconcile run now, besides the scheduled ones: for a change that every member should
 * follow soon (a switch of the rank role mode). `jobId` names the change, so a retried request
 * queues it once while the job is kept.
 */
export async function queueReconcileNow(queues: Pick<Queues, 'maintenance'>, jobId: string): Promise<void> {
  await queues.maintenance.add('reconcile', { task: 'reconcile' }, { jobId });
}
