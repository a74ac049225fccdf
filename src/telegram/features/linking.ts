import { Composer, Markup, TelegramError } from 'telegraf';
import { confirmLink, declineLink } from '../../linking/confirm-link.ts';
import { LinkConfirmationGoneError, NotYourLinkConfirmationError } from '../../linking/errors.ts';
import { issueLinkCode } from '../../linking/issue-link-code.ts';
import type { LinkPreview } from '../../linking/link-confirmations.ts';
import { redeemLinkCode } from '../../linking/redeem-link-code.ts';
import { unlinkIdentity } from '../../linking/unlink-identity.ts';
import { errorReply } from '../../replies/errors.ts';
import {
  linkButtonLabels,
  linkCodeReply,
  linkDeclinedReply,
  linkedReply,
  linkPreviewReply,
  unlinkedReply,
} from '../../replies/link.ts';
import type { Translate } from '../../texts/texts.ts';
import type { Feature } from '../feature.ts';
import { callbackData, callbackPatterns } from '../keyboards.ts';
import { type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';
import { linkInPrivateReply } from '../telegram-replies.ts';

/** The Telegram account as the linking services name it. */
function identityOf(ctx: TandemContext) {
  if (!ctx.from) throw new Error(`Update ${ctx.update.update_id} has no sender`);
  return { platform: 'telegram' as const, platformUserId: String(ctx.from.id) };
}

function previewMessage(t: Translate, preview: LinkPreview) {
  const labels = linkButtonLabels(t);
  return [
    linkPreviewReply(t, preview),
    Markup.inlineKeyboard([
      [
        Markup.button.callback(labels.confirm, callbackData.linkConfirm(preview.confirmationId)),
        Markup.button.callback(labels.cancel, callbackData.linkCancel(preview.confirmationId)),
      ],
    ]),
  ] as const;
}

/** Replaces the preview (and its buttons) with the outcome; a redelivered press finds it done already. */
async function showOutcome(
  ctx: TandemContext,
  text: string,
  keyboard?: ReturnType<typeof Markup.inlineKeyboard>,
) {
  try {
    await ctx.editMessageText(text, keyboard ?? Markup.inlineKeyboard([]));
  } catch (error) {
    if (error instanceof TelegramError && error.description.includes('message is not modified')) return;
    await ctx.reply(text, keyboard);
  }
}

/**
 * `/link` without a code issues one for Discord's `/link code:<code>`; `/link <code>` shows what
 * linking to the account that issued a Discord code would do, with buttons to confirm or cancel.
 * `/unlink` detaches this Telegram account again.
 */
export function linkingFeature(deps: TelegramDeps): Feature {
  const composer = new Composer<TandemContext>();
  composer.action(callbackPatterns.link, async (ctx) => {
    const [, answer, confirmationId] = ctx.match;
    const press = { ...identityOf(ctx), confirmationId: confirmationId!, now: new Date() };
    const t = textsOf(ctx);
    try {
      if (answer === 'no') {
        await declineLink(deps, press);
        await ctx.answerCbQuery();
        return showOutcome(ctx, linkDeclinedReply(t));
      }
      const outcome = await confirmLink(deps, press);
      await ctx.answerCbQuery();
      if (outcome.kind === 'preview') return showOutcome(ctx, ...previewMessage(t, outcome.preview));
      return showOutcome(ctx, linkedReply(t, outcome.result));
    } catch (error) {
      // Someone else's press: only they are told, and the preview stays for its owner.
      if (error instanceof NotYourLinkConfirmationError) return ctx.answerCbQuery(errorReply(error, t));
      if (error instanceof LinkConfirmationGoneError) {
        await ctx.answerCbQuery();
        return showOutcome(ctx, errorReply(error, t));
      }
      throw error;
    }
  });
  return {
    commands: [
      {
        name: 'link',
        async run(ctx, args) {
          // Whoever redeems a code joins the account that issued it: a code read in a group could be
          // used by a stranger's Discord account.
          const t = textsOf(ctx);
          if (ctx.chat?.type !== 'private') return ctx.reply(linkInPrivateReply(t, ctx.botInfo.username));
          const now = new Date();
          if (args) {
            const redeemed = await redeemLinkCode(deps, { ...identityOf(ctx), code: args, now });
            if (redeemed.kind === 'linked') return ctx.reply(linkedReply(t, redeemed.result));
            return ctx.reply(...previewMessage(t, redeemed.preview));
          }
          const issued = await issueLinkCode(deps.db, { ...identityOf(ctx), now });
          return ctx.reply(linkCodeReply(t, issued, 'telegram'));
        },
      },
      {
        name: 'unlink',
        run: async (ctx) =>
          ctx.reply(unlinkedReply(textsOf(ctx), await unlinkIdentity(deps, identityOf(ctx)), 'telegram')),
      },
    ],
    composer,
  };
}
