import { compareSnowflakes } from '../../snowflake.ts';
import type { MessageRecord } from '../../world/types.ts';

/** Where a page of channel history starts: at most one of `before`, `after` and `around`. */
export interface HistoryCursor {
  limit: number;
  before?: string | undefined;
  after?: string | undefined;
  around?: string | undefined;
}

/**
 * One page of a channel's history, newest first, as GET /channels/{id}/messages answers it.
 * `messages` is the channel's history oldest first. Discord documents the three cursors as
 * mutually exclusive and honours one: `around` first, then `before`, then `after`. `around`
 * takes the message itself (when it exists) and older ones for the larger half of `limit`,
 * newer ones for the smaller half; `after` takes the messages just after the cursor.
 */
export function historyPage(messages: readonly MessageRecord[], cursor: HistoryCursor): MessageRecord[] {
  const { limit } = cursor;
  const newerThan = (id: string) => messages.filter((m) => compareSnowflakes(m.id, id) > 0);
  const olderThan = (id: string, inclusive: boolean) =>
    messages.filter((m) => compareSnowflakes(m.id, id) < (inclusive ? 1 : 0));
  if (cursor.around) {
    const newerCount = Math.floor(limit / 2);
    const newer = newerCount > 0 ? newerThan(cursor.around).slice(0, newerCount) : [];
    const older = olderThan(cursor.around, true).slice(-(limit - newerCount));
    return [...older, ...newer].reverse();
  }
  if (cursor.before) return olderThan(cursor.before, false).slice(-limit).reverse();
  if (cursor.after) return newerThan(cursor.after).slice(0, limit).reverse();
  return messages.slice(-limit).reverse();
}
