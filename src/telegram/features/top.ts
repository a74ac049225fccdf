import { topPlayers } from '../../players/top-players.ts';
import { seasonTopReply, topReply } from '../../replies/top.ts';
import { currentSeasonTop } from '../../seasons/current-season-top.ts';
import type { Feature } from '../feature.ts';
import { textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** `/top`: the all-time leaders; `/top season` the running season's (XP gained in it). */
export function topFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'top',
        run: async (ctx, args) => {
          const t = textsOf(ctx);
          if (/^(season|сезон)$/i.test(args?.trim() ?? ''))
            return ctx.reply(seasonTopReply(t, await currentSeasonTop(deps, 10)));
          return ctx.reply(topReply(t, await topPlayers(deps, { limit: 10 })));
        },
      },
    ],
  };
}
