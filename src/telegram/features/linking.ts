import { issueLinkCode } from '../../linking/issue-link-code.ts';
import { redeemLinkCode } from '../../linking/redeem-link-code.ts';
import { unlinkIdentity } from '../../linking/unlink-identity.ts';
import { linkCodeReply, linkedReply, unlinkedReply } from '../../replies/link.ts';
import type { BotDeps } from '../../runtime/bot-deps.ts';
import type { Feature } from '../feature.ts';
import type { TandemContext } from '../tandem-context.ts';
import { linkInPrivateReply } from '../telegram-replies.ts';

/** The Telegram account as the linking services name it. */
function identityOf(ctx: TandemContext) {
  if (!ctx.from) throw new Error(`Update ${ctx.update.update_id} has no sender`);
  return { platform: 'telegram' as const, platformUserId: String(ctx.from.id) };
}

/**
 * `/link` without a code issues one for Discord's `/link code:<code>`; `/link <code>` redeems a code
 * Discord issued. `/unlink` detaches this Telegram account again.
 */
export function linkingFeature(deps: BotDeps): Feature {
  return {
    commands: [
      {
        name: 'link',
        async run(ctx, args) {
          // Whoever redeems a code joins the account that issued it: a code read in a group could be
          // used by a stranger's Discord account.
          if (ctx.chat?.type !== 'private') return ctx.reply(linkInPrivateReply(ctx.botInfo.username));
          const now = new Date();
          if (args)
            return ctx.reply(
              linkedReply(await redeemLinkCode(deps, { ...identityOf(ctx), code: args, now })),
            );
          const issued = await issueLinkCode(deps.db, { ...identityOf(ctx), now });
          return ctx.reply(linkCodeReply(issued, 'telegram'));
        },
      },
      {
        name: 'unlink',
        run: async (ctx) =>
          ctx.reply(unlinkedReply(await unlinkIdentity(deps.engine, identityOf(ctx)), 'telegram')),
      },
    ],
  };
}
