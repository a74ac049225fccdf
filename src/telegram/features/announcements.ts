import { announcementDmsReply, parseAnnouncementDmsChoice } from '../../replies/announcement-dms.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/**
 * `/announcements off` stops the bot's DMs about the player's own rank-ups and achievements, `on`
 * brings them back, and `/announcements` alone says which it is. Group announcements stay.
 */
export function announcementsFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'announcements',
        run: async (ctx, args) =>
          ctx.reply(
            await announcementDmsReply(deps, playerIdOf(ctx), parseAnnouncementDmsChoice(args), textsOf(ctx)),
          ),
      },
    ],
  };
}
