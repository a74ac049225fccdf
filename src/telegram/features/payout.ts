import { z } from 'zod';
import { requestPayout } from '../../payouts/request-payout.ts';
import { payoutReply } from '../../replies/payout.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';
import { payoutUsageReply } from '../telegram-replies.ts';

/** A whole number of coins as typed; the payout service checks the range and the balance. */
const amountArgument = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/**
 * `/payout <amount>`. The request id is the update id, so a redelivered update asks once; a second
 * /payout typed by the player is a new request.
 */
export function payoutFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'payout',
        async run(ctx, args) {
          const amount = amountArgument.safeParse(args);
          if (!amount.success) return ctx.reply(payoutUsageReply(textsOf(ctx)));
          const result = await requestPayout(deps, {
            playerId: playerIdOf(ctx),
            amount: amount.data,
            requestId: `tg-${ctx.update.update_id}`,
            source: 'telegram',
          });
          return ctx.reply(payoutReply(textsOf(ctx), result));
        },
      },
    ],
  };
}
