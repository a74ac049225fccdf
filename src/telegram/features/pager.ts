import { runPagerCommand } from '../../alerts/pager-command.ts';
import { pagerReply } from '../../replies/pager.ts';
import type { Feature } from '../feature.ts';
import { textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/**
 * `/pager CODE`: an admin signs up for Tandem's alerts in this private chat, with the one-time code
 * the panel showed them; `/pager off` stops. Not in the command menu: it is for admins only.
 */
export function pagerFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'pager',
        run: async (ctx, args) => {
          const t = textsOf(ctx);
          // In a group the code would be read by everyone there, and pages are personal.
          if (ctx.chat?.type !== 'private' || !ctx.from) return ctx.reply(t('reply.pager.privateOnly'));
          const result = await runPagerCommand(deps.db.pool, {
            platform: 'telegram',
            platformUserId: String(ctx.from.id),
            language: ctx.from.language_code ?? null,
            args,
          });
          return ctx.reply(pagerReply(t, result));
        },
      },
    ],
  };
}
