import { topPlayers } from '../../players/top-players.ts';
import { topReply } from '../../replies/top.ts';
import type { Feature } from '../feature.ts';
import { textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

export function topFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'top',
        run: async (ctx) => ctx.reply(topReply(textsOf(ctx), await topPlayers(deps, { limit: 10 }))),
      },
    ],
  };
}
