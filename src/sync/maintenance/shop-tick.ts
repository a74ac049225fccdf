import type { Job, Queue } from 'bullmq';
import { failPurchase } from '../../shop/settle-purchase.ts';
import type { SyncContext } from '../context.ts';
import { shopJobId } from '../queues.ts';

/** How long a purchase may wait for its job before the tick looks after it: its enqueue had a minute. */
const graceMs = 60_000;
const batch = 200;

export interface ShopTickResult {
  /** Grants handed to the platform queue again (their first enqueue was lost). */
  grants: number;
  /** Grants whose job failed for good without settling: their coins went back. */
  failed: number;
  /** Revokes of timed roles handed (again) to the platform queue. */
  revokes: number;
}

/**
 * The shop's minute sweep, the fallback of its jobs. A purchase to grant whose job is missing (Redis
 * was away at the purchase) is queued again; one whose job failed for good without settling (it
 * stalled out) is failed, and its coins go back. A timed role past its end, or expired but not yet
 * taken back, gets its revoke job (again). Every step is keyed by the purchase, so a tick that runs
 * twice, or beside the jobs themselves, changes each purchase once.
 */
export async function shopTick(ctx: SyncContext, now = new Date()): Promise<ShopTickResult> {
  const result: ShopTickResult = { grants: 0, failed: 0, revokes: 0 };
  const platform = ctx.queues.platform as unknown as Queue;
  const waiting = await ctx.db.pool.query<{ id: string }>(
    `SELECT id FROM shop_purchases
      WHERE status = 'pending' AND kind <> 'custom' AND created_at <= $1 ORDER BY created_at LIMIT $2`,
    [new Date(now.getTime() - graceMs), batch],
  );
  for (const { id } of waiting.rows) {
    const job = await platform.getJob(shopJobId('grant', id));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await failPurchase(ctx, id, job?.failedReason || 'the grant job failed', now);
      result.failed++;
    } else if (await requeue(job, state, () => ctx.queues.enqueueShopGrant(id))) {
      result.grants++;
    }
  }
  const ended = await ctx.db.pool.query<{ id: string }>(
    `SELECT id FROM shop_purchases
      WHERE (status = 'granted' AND expires_at <= $1) OR (status = 'expired' AND revoked_at IS NULL)
      ORDER BY expires_at LIMIT $2`,
    [new Date(now.getTime() - graceMs), batch],
  );
  for (const { id } of ended.rows) {
    const job = await platform.getJob(shopJobId('revoke', id));
    const state = job ? await job.getState() : 'missing';
    if (await requeue(job, state, () => ctx.queues.enqueueShopRevoke(id, 0))) result.revokes++;
  }
  if (result.grants || result.failed || result.revokes) ctx.logger.info(result, 'shop tick caught up');
  return result;
}

/**
 * Queues a step whose job is gone or finished without doing it (a completed job keeps its id, so it
 * is removed first). A job waiting, delayed or running is left alone.
 */
async function requeue(job: Job | undefined, state: string, enqueue: () => Promise<void>): Promise<boolean> {
  if (state !== 'missing' && state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
  if (job && state !== 'unknown') await job.remove();
  await enqueue();
  return true;
}
