import type { Logger } from '../logging/logger.ts';
import { errorReply, isRefusal } from '../replies/errors.ts';
import { type TandemContext, textsOf } from './tandem-context.ts';

/**
 * telegraf's default error handler rethrows, which ends long polling: one bad update would silence
 * the bot. This one tells the player in their language (errorReply turns Tandem's named errors into their message,
 * anything else into a generic "try again"), logs, and returns, so the next update is handled.
 */
export function answerErrors(logger: Pick<Logger, 'error' | 'info'>) {
  return async (error: unknown, ctx: TandemContext): Promise<void> => {
    const answer = errorReply(error, textsOf(ctx));
    const updateId = ctx.update.update_id;
    // A wrong link code or too small a payout is the player's to fix, not an incident.
    // The log says it in English, whatever the player read.
    if (!isRefusal(error)) logger.error({ err: error, updateId }, 'Telegram update failed');
    else logger.info({ updateId, reason: errorReply(error) }, 'Telegram update refused');
    try {
      // A pressed button spins until answered; the explanation goes into the chat below it.
      if (ctx.callbackQuery) await ctx.answerCbQuery().catch(() => {});
      if (ctx.chat) await ctx.reply(answer);
    } catch (replyError) {
      // The chat may be gone (the player blocked the bot): there is no one left to tell.
      logger.error({ err: replyError, updateId }, 'could not tell the player that their update failed');
    }
  };
}
