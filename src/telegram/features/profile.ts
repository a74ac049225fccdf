import { loadProfile } from '../../players/load-profile.ts';
import { profileReply } from '../../replies/profile.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

export function profileFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'profile',
        run: async (ctx) => ctx.reply(profileReply(textsOf(ctx), await loadProfile(deps, playerIdOf(ctx)))),
      },
    ],
  };
}
