import { createHash, randomUUID } from 'node:crypto';
import type { MiddlewareFn } from 'telegraf';
import type { Logger } from '../logging/logger.ts';
import type { RedisConnection } from '../redis/connection.ts';
import type { TandemContext } from './tandem-context.ts';

/** Telegram keeps an unconfirmed update for 24 hours: a claim never needs to outlive that. */
const claimTtlSeconds = 24 * 60 * 60;

/**
 * One round trip decides whether this process handles an update. A claim is
 * `processing:<process id>:<fingerprint>` or `done:<fingerprint>`:
 * - no claim yet: claim it and run;
 * - a claim on different content under the same id (ids restarted, or Telegram jumped to a random
 *   id after a quiet week): the claim was for another update, so this one runs (`collision`);
 * - `done`, or claimed by this very process (a duplicate arriving while the first is handled): skip;
 * - claimed by another process that never marked it done: that process died mid-handler, so run it
 *   again (see dedupeUpdates for why that is safe).
 */
const claimScript = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[2] or current == ARGV[1] then return 'skip' end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
if not current then return 'run' end
if string.sub(current, -string.len(ARGV[4]) - 1) ~= (':' .. ARGV[4]) then return 'collision' end
return 'rerun'`;

export type ClaimOutcome = 'run' | 'rerun' | 'collision' | 'skip';

/** What a claim needs of an update: its id, and its content to tell it from another under that id. */
export interface ClaimedUpdate {
  update_id: number;
}

export interface UpdateClaims {
  claim(update: ClaimedUpdate): Promise<ClaimOutcome>;
  markDone(update: ClaimedUpdate): Promise<void>;
}

/**
 * The update's content in a few bytes: a redelivery carries the very same JSON, another update that
 * happens to reuse the id does not (its message, sender or date differ).
 */
export function updateFingerprint(update: ClaimedUpdate): string {
  return createHash('sha256').update(JSON.stringify(update)).digest('base64url').slice(0, 22);
}

/**
 * Claims on updates of one bot, kept in Redis under `<keyPrefix>:telegram:update:<botId>:<updateId>`.
 * `processId` tells this process's claims from those of a previous (crashed) one.
 */
export function createUpdateClaims(
  redis: RedisConnection,
  options: { keyPrefix: string; botId: number; processId?: string },
): UpdateClaims {
  const processId = options.processId ?? randomUUID();
  const keyOf = (update: ClaimedUpdate) =>
    `${options.keyPrefix}:telegram:update:${options.botId}:${update.update_id}`;
  return {
    async claim(update) {
      const fingerprint = updateFingerprint(update);
      const outcome = await redis.eval(
        claimScript,
        1,
        keyOf(update),
        `processing:${processId}:${fingerprint}`,
        `done:${fingerprint}`,
        claimTtlSeconds,
        fingerprint,
      );
      return outcome as ClaimOutcome;
    },
    async markDone(update) {
      await redis.set(keyOf(update), `done:${updateFingerprint(update)}`, 'EX', claimTtlSeconds);
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
 * An id alone does not name an update for ever (Telegram may restart a bot's ids at a random value),
 * so a claim whose content differs never swallows the update: it is handled, and the reuse logged.
 *
 * Redis being away must not silence the bot: the update is then handled without a claim, again on
 * the strength of the services' idempotency.
 */
export function dedupeUpdates(
  claims: UpdateClaims,
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>,
): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const update = ctx.update;
    const updateId = update.update_id;
    let outcome: ClaimOutcome | 'unclaimed';
    try {
      outcome = await claims.claim(update);
    } catch (error) {
      logger.warn(
        { err: error, updateId },
        'update not de-duplicated (RedisConnection unavailable); handling it anyway',
      );
      outcome = 'unclaimed';
    }
    if (outcome === 'skip') {
      logger.debug({ updateId }, 'duplicate Telegram update dropped');
      return;
    }
    if (outcome === 'rerun') logger.info({ updateId }, 'handling an update a stopped process had started');
    if (outcome === 'collision')
      logger.warn(
        { updateId },
        'a Telegram update reuses the id of an earlier, different update; handling it as new',
      );
    try {
      await next();
    } finally {
      // Also after a failed handler: the player got the error answer, a redelivery must not retry it.
      if (outcome !== 'unclaimed') {
        await claims
          .markDone(update)
          .catch((error) => logger.warn({ err: error, updateId }, 'update not marked as handled'));
      }
    }
  };
}
