import type { ApplicationCommandOptionData } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { adminCommandsOf, botCommands, commandDescriptionKey } from '../../replies/help.ts';
import { languages } from '../../texts/languages.ts';
import { shippedTranslator } from '../../texts/texts.ts';
import { slashCommands } from './all-commands.ts';
import { loadSlashCommands } from './command-loader.ts';
import { discordLocales } from './command-texts.ts';

describe('Discord slash commands', () => {
  it('are exactly the commands the shared help lists for Discord, and the admins’ own', () => {
    const registered = slashCommands.map((command) => command.definition.name).sort();
    const listed = [
      ...botCommands('discord', shippedTranslator('en')).map((command) => command.command),
      ...adminCommandsOf.discord,
    ].sort();
    expect(registered).toEqual(listed);
  });

  it('pass the loader’s checks', () => {
    expect(loadSlashCommands(slashCommands).size).toBe(slashCommands.length);
  });

  it('describe themselves as /help does, in English by default and in Russian for the ru locale', () => {
    const english = shippedTranslator('en');
    const russian = shippedTranslator('ru');
    for (const { definition } of slashCommands) {
      const key = commandDescriptionKey(definition.name);
      expect(definition.description).toBe(english(key));
      expect(definition.descriptionLocalizations?.ru).toBe(russian(key));
    }
  });

  it('carry a description for every locale of every language besides English', () => {
    for (const language of languages.filter((code) => code !== 'en')) {
      expect(discordLocales[language].length, language).toBeGreaterThan(0);
      const t = shippedTranslator(language);
      for (const { definition } of slashCommands) {
        for (const locale of discordLocales[language]) {
          expect(definition.descriptionLocalizations?.[locale], `/${definition.name} ${locale}`).toBe(
            t(commandDescriptionKey(definition.name)),
          );
        }
      }
    }
  });

  it('describe every option and name every worded choice in Russian too', () => {
    const options = slashCommands.flatMap(
      ({ definition }) => (definition.options ?? []) as readonly ApplicationCommandOptionData[],
    );
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      expect(option.descriptionLocalizations?.ru, option.name).toMatch(/[а-я]/i);
    }
    const language = slashCommands.find(({ definition }) => definition.name === 'language');
    type Choice = { name: string; nameLocalizations?: Record<string, string>; value: string };
    const option = language?.definition.options?.[0] as { choices?: Choice[] } | undefined;
    const choices = option?.choices ?? [];
    expect(choices.map((choice) => choice.value)).toEqual(['en', 'ru', 'client']);
    expect(choices.map((choice) => choice.name)).toEqual(['English', 'Русский', 'Follow my Discord app']);
    expect(choices[2]?.nameLocalizations?.ru).toBe('Как в моём приложении Discord');
  });
});
