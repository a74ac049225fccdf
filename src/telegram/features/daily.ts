import { claimDaily } from '../../earning/claim-daily.ts';
import { dailyReply } from '../../replies/daily.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** Once per UTC day across both platforms: the service's key makes a double tap or a redelivery pay once. */
export function dailyFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'daily',
        async run(ctx) {
          const now = new Date();
          const result = await claimDaily(deps, { playerId: playerIdOf(ctx), source: 'telegram', now });
          return ctx.reply(dailyReply(textsOf(ctx), result, now));
        },
      },
    ],
  };
}
