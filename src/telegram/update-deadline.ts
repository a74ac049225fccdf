import type { MiddlewareFn } from 'telegraf';
import type { Logger } from '../logging/logger.ts';
import type { TandemContext } from './tandem-context.ts';

/** How long the bot waits for one update before it takes the next ones (telegraf's own figure). */
export const defaultUpdateDeadlineMs = 90_000;

/**
 * telegraf gives up on a handler after its `handlerTimeout` and reports a timeout to the error
 * handler, which would tell the player "something went wrong" while the handler goes on and may
 * still credit them (a Redis call that hangs after the commit did exactly that). Telegraf's timeout
 * is therefore switched off, and this middleware, the first of all, takes its place: past the
 * deadline the bot moves on to the next updates without answering anything, and the running
 * handler keeps its say. Its answer still reaches the player when it finishes; if it fails late,
 * `onLateError` (the bot's error handler) answers then, when the failure is known.
 */
export function moveOnAfterDeadline(
  onLateError: (error: unknown, ctx: TandemContext) => Promise<void>,
  logger: Pick<Logger, 'warn'>,
  deadlineMs = defaultUpdateDeadlineMs,
): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const handling = Promise.resolve(next());
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    try {
      if ((await Promise.race([handling, deadline])) !== 'late') return;
    } finally {
      clearTimeout(timer);
    }
    const updateId = ctx.update.update_id;
    logger.warn({ updateId, deadlineMs }, 'update still being handled; taking the next ones meanwhile');
    handling
      .catch((error: unknown) => onLateError(error, ctx))
      .catch((error: unknown) =>
        logger.warn({ err: error, updateId }, 'a late update failure went unanswered'),
      );
  };
}
