import { Composer, Markup, TelegramError } from 'telegraf';
import { choosePlayerLanguage, chosenLanguageOf } from '../../players/choose-player-language.ts';
import {
  followClient,
  type LanguageChoice,
  languageChoicesList,
  parseLanguageChoice,
} from '../../texts/language-choice.ts';
import { languageNames, languages } from '../../texts/languages.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** The buttons' callback_data: `language:ru`, or `language:client` to follow the Telegram app. */
const languagePattern = /^language:([a-z]{2,8})$/;

/**
 * `/language`: shows the language the bot speaks with the player and buttons to pick another (each
 * language named in itself) or to follow their Telegram app again; `/language ru` picks directly.
 * The choice is the player's, so the Discord bot speaks it too.
 */
export function languageFeature(deps: TelegramDeps): Feature {
  const buttons = new Composer<TandemContext>();
  buttons.action(languagePattern, async (ctx) => {
    const choice = parseLanguageChoice(ctx.match[1] ?? '');
    await ctx.answerCbQuery();
    if (!choice) return;
    const text = await choose(deps, ctx, choice);
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
        name: 'language',
        run: async (ctx, args) => {
          if (!args) return showLanguages(deps, ctx);
          const choice = parseLanguageChoice(args);
          if (!choice) {
            return ctx.reply(
              textsOf(ctx)('reply.language.unknown', {
                typed: args.slice(0, 32),
                languages: languageChoicesList(),
              }),
            );
          }
          return ctx.reply(await choose(deps, ctx, choice));
        },
      },
    ],
    composer: buttons,
  };
}

async function showLanguages(deps: TelegramDeps, ctx: TandemContext) {
  const t = textsOf(ctx);
  const chosen = await chosenLanguageOf(deps.db, playerIdOf(ctx));
  const current = languageNames[ctx.language ?? (await deps.texts.defaultLanguage())];
  const keyboard = Markup.inlineKeyboard([
    languages.map((language) => Markup.button.callback(languageNames[language], `language:${language}`)),
    [Markup.button.callback(t('reply.language.followClient.telegram'), `language:${followClient}`)],
  ]);
  const intro = chosen ? 'reply.language.current' : 'reply.language.currentFollowingClient';
  return ctx.reply(t(intro, { language: current }), keyboard);
}

/** Stores the choice and says so in the language the player reads from now on. */
async function choose(deps: TelegramDeps, ctx: TandemContext, choice: LanguageChoice): Promise<string> {
  const chosen = choice === followClient ? null : choice;
  await choosePlayerLanguage(deps, playerIdOf(ctx), chosen);
  const language = await deps.texts.languageFor({ chosen, client: ctx.from?.language_code });
  ctx.language = language;
  ctx.t = await deps.texts.translator(language);
  return chosen
    ? ctx.t('reply.language.chosen')
    : ctx.t('reply.language.followingClient', { language: languageNames[language] });
}
