import { loadProfile } from '../../players/load-profile.ts';
import { profileReply } from '../../replies/profile.ts';
import type { BotDeps } from '../../runtime/bot-deps.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf } from '../tandem-context.ts';

export function profileFeature(deps: BotDeps): Feature {
  return {
    commands: [
      {
        name: 'profile',
        run: async (ctx) => ctx.reply(profileReply(await loadProfile(deps, playerIdOf(ctx)))),
      },
    ],
  };
}
