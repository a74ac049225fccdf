import type { Job } from 'bullmq';
import { ShopGrantImpossibleError } from '../../shop/errors.ts';
import { grantPurchase, revokeExpiredPurchase } from '../../shop/grant-purchase.ts';
import { failPurchase } from '../../shop/settle-purchase.ts';
import type { SyncContext } from '../context.ts';
import { PlatformRateLimitedError, PlatformRefusedError } from '../ports.ts';
import { shopJobNames, shopJobSchema } from '../queues.ts';

/**
 * Runs a shop job of the platform queue. A grant the platform refuses for good (a role above the
 * bot's, no linked account), or that failed on its last attempt, fails the purchase: its hold is
 * voided and the buyer gets the coins back and a notice. Any other failure is thrown for the queue
 * to retry; a 429 is thrown as is (the queue waits without spending an attempt). A revoke the
 * platform refuses for good (the member left, the role was deleted) is given up: nothing is left
 * to take back.
 */
export async function processShopJob(ctx: SyncContext, job: Job, now = new Date()): Promise<string> {
  const { purchaseId } = shopJobSchema.parse(job.data);
  if (job.name === shopJobNames.revoke) {
    try {
      return await revokeExpiredPurchase(ctx, ctx.ports, purchaseId, now);
    } catch (error) {
      if (!(error instanceof PlatformRefusedError)) throw error;
      ctx.logger.warn(
        { purchaseId, err: error.message },
        'timed shop role could not be taken back: given up',
      );
      await ctx.db.pool.query(
        'UPDATE shop_purchases SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
        [purchaseId, now],
      );
      return 'given_up';
    }
  }
  try {
    return await grantPurchase(ctx, ctx.ports, purchaseId, now);
  } catch (error) {
    if (error instanceof PlatformRateLimitedError) throw error;
    const final =
      error instanceof PlatformRefusedError ||
      error instanceof ShopGrantImpossibleError ||
      job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!final) throw error;
    await failPurchase(ctx, purchaseId, (error as Error).message, now);
    return 'failed';
  }
}
