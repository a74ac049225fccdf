import { Composer, Markup, TelegramError } from 'telegraf';
import { boardHiddenOf, setBoardHidden } from '../../../leaderboard/privacy.ts';
import type { Feature } from '../../feature.ts';
import { playerIdOf, type TandemContext, textsOf } from '../../tandem-context.ts';
import type { TelegramDeps } from '../../telegram-deps.ts';

/** The buttons' callback_data: `privacy:hide` or `privacy:show`. */
const privacyPattern = /^privacy:(hide|show)$/;

/** What a player may type after /privacy, in either language the bot speaks. */
const typedChoices: Record<string, boolean> = {
  hide: true,
  off: true,
  скрыть: true,
  show: false,
  on: false,
  показать: false,
};

/**
 * `/privacy`: whether the leaderboards (/top, the public board) show the player, with a button to
 * change it; `/privacy hide` or `/privacy show` changes it directly. The choice is the player's, so
 * it holds on Discord too.
 */
export function privacyFeature(deps: TelegramDeps): Feature {
  const buttons = new Composer<TandemContext>();
  buttons.action(privacyPattern, async (ctx) => {
    await ctx.answerCbQuery();
    const text = await choose(deps, ctx, ctx.match[1] === 'hide');
    try {
      await ctx.editMessageText(text, Markup.inlineKeyboard([]));
    } catch (error) {
      if (error instanceof TelegramError && error.description.includes('message is not modified')) return;
      await ctx.reply(text);
    }
  });
  return {
    commands: [
      {
        name: 'privacy',
        run: async (ctx, args) => {
          if (!args) return showPrivacy(deps, ctx);
          const hidden = typedChoices[args.trim().toLowerCase()];
          if (hidden === undefined)
            return ctx.reply(textsOf(ctx)('reply.privacy.unknown', { typed: args.slice(0, 32) }));
          return ctx.reply(await choose(deps, ctx, hidden));
        },
      },
    ],
    composer: buttons,
  };
}

async function showPrivacy(deps: TelegramDeps, ctx: TandemContext) {
  const t = textsOf(ctx);
  const hidden = await boardHiddenOf(deps.db, playerIdOf(ctx));
  const button = hidden
    ? Markup.button.callback(t('reply.privacy.button.show'), 'privacy:show')
    : Markup.button.callback(t('reply.privacy.button.hide'), 'privacy:hide');
  return ctx.reply(
    t(hidden ? 'reply.privacy.hidden' : 'reply.privacy.shown'),
    Markup.inlineKeyboard([button]),
  );
}

async function choose(deps: TelegramDeps, ctx: TandemContext, hidden: boolean): Promise<string> {
  await setBoardHidden(deps, playerIdOf(ctx), hidden);
  return textsOf(ctx)(hidden ? 'reply.privacy.nowHidden' : 'reply.privacy.nowShown');
}
