import { topPlayers } from '../../players/top-players.ts';
import { topReply } from '../../replies/top.ts';
import type { BotDeps } from '../../runtime/bot-deps.ts';
import type { Feature } from '../feature.ts';

export function topFeature(deps: BotDeps): Feature {
  return {
    commands: [
      {
        name: 'top',
        run: async (ctx) => ctx.reply(topReply(await topPlayers(deps, { limit: 10 }))),
      },
    ],
  };
}
