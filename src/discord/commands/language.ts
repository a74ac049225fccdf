import { ApplicationCommandOptionType } from 'discord.js';
import { choosePlayerLanguage, chosenLanguageOf } from '../../players/choose-player-language.ts';
import { followClient, languageChoicesList, parseLanguageChoice } from '../../texts/language-choice.ts';
import { languageNames, languages } from '../../texts/languages.ts';
import { describedCommand, describedOption, localizedChoice } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/language`: without an option, the language the bot speaks with the player; `/language
 * language:<choice>` picks one (each named in itself) or follows their Discord app again. The
 * choice is the player's, so the Telegram bot speaks it too. The answer is in the new language.
 */
export const languageCommand: SlashCommand = {
  definition: {
    ...describedCommand('language'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...describedOption('language', 'language'),
        choices: [
          ...languages.map((language) => ({ name: languageNames[language], value: language })),
          localizedChoice('command.language.option.language.choice.client', followClient),
        ],
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, reader) {
    const typed = interaction.options.getString('language');
    if (typed === null) {
      const chosen = await chosenLanguageOf(ctx.deps.db, reader.playerId);
      return reader.t(
        chosen ? 'reply.language.currentDiscord' : 'reply.language.currentDiscordFollowingClient',
        {
          language: languageNames[reader.language],
        },
      );
    }
    // Discord offers only the choices, but an old client or a hand-made request may send anything.
    const choice = parseLanguageChoice(typed);
    if (!choice)
      return reader.t('reply.language.unknown', {
        typed: typed.slice(0, 32),
        languages: languageChoicesList(),
      });
    const chosen = choice === followClient ? null : choice;
    await choosePlayerLanguage(ctx.deps, reader.playerId, chosen);
    const language = await ctx.deps.texts.languageFor({ chosen, client: interaction.locale });
    const t = await ctx.deps.texts.translator(language);
    return chosen
      ? t('reply.language.chosen')
      : t('reply.language.followingClient', { language: languageNames[language] });
  },
};
