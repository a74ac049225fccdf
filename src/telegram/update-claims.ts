import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MiddlewareFn } from 'telegraf';
import type { Logger } from '../logging/logger.ts';
import type { TandemContext } from './tandem-context.ts';

/** Telegram keeps an unconfirmed update for 24 hours: a claim never needs to outlive that. */
const claimTtlSeconds = 24 * 60 * 60;

/**
 * One round trip decides whether this process handles an update:
 * - no claim yet: claim it (`processing:<process id>`) and run;
 * - `done`, or claimed by this very process (a duplicate arriving while the first is handled): skip;
 * - claimed by another process that never marked it done: that process died mid-handler, so run it
 *   again (see dedupeUpdates for why that is safe).
 */
const claimScript = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[2] or current == ARGV[1] then return 'skip' end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
if current then return 'rerun' end
return 'run'`;

export type ClaimOutcome = 'run' | 'rerun' | 'skip';

export interface UpdateClaims {
  claim(updateId: number): Promise<ClaimOutcome>;
  markDone(updateId: number): Promise<void>;
}

/**
 * Claims on updates of one bot, kept in Redis under `<keyPrefix>:telegram:update:<botId>:<updateId>`.
 * `processId` tells this process's claims from those of a previous (crashed) one.
 */
export function createUpdateClaims(
  redis: Redis,
  options: { keyPrefix: string; botId: number; processId?: string },
): UpdateClaims {
  const processing = `processing:${options.processId ?? randomUUID()}`;
  const keyOf = (updateId: number) => `${options.keyPrefix}:telegram:update:${options.botId}:${updateId}`;
  return {
    async claim(updateId) {
      const outcome = await redis.eval(claimScript, 1, keyOf(updateId), processing, 'done', claimTtlSeconds);
      return outcome as ClaimOutcome;
    },
    async markDone(updateId) {
      await redis.set(keyOf(updateId), 'done', 'EX', claimTtlSeconds);
    },
  };
}

/**
 * Telegram redelivers an update until a later offset confirms it (a restart, a lost answer, a
 * webhook that timed out), so the same update_id can arrive twice; the second one is dropped here.
 *
 * If the process dies mid-handler, its claim stays `processing` under its old process id and Telegram
 * delivers the update again after the restart. The new process runs it again rather than dropping it,
 * because it cannot know how far the first run got: each service writes in one transaction and keys
 * its writes deterministically (the daily claim per UTC day, a payout by the update id, a guess by its
 * update id, a scenario reward per player), so a step that had committed is not repeated and one that
 * had not is done now. The player may see an answer twice; nothing is credited twice.
 *
 * Redis being away must not silence the bot: the update is then handled without a claim, again on
 * the strength of the services' idempotency.
 */
export function dedupeUpdates(
  claims: UpdateClaims,
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>,
): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    let outcome: ClaimOutcome | 'unclaimed';
    try {
      outcome = await claims.claim(updateId);
    } catch (error) {
      logger.warn(
        { err: error, updateId },
        'update not de-duplicated (Redis unavailable); handling it anyway',
      );
      outcome = 'unclaimed';
    }
    if (outcome === 'skip') {
      logger.debug({ updateId }, 'duplicate Telegram update dropped');
      return;
    }
    if (outcome === 'rerun') logger.info({ updateId }, 'handling an update a stopped process had started');
    try {
      await next();
    } finally {
      // Also after a failed handler: the player got the error answer, a redelivery must not retry it.
      if (outcome !== 'unclaimed') {
        await claims
          .markDone(updateId)
          .catch((error) => logger.warn({ err: error, updateId }, 'update not marked as handled'));
      }
    }
  };
}
