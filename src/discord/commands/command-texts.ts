import { Locale, type LocalizationMap } from 'discord.js';
import { commandDescriptionKey } from '../../replies/help.ts';
import { isTextKey, type TextKey } from '../../texts/default-texts.ts';
import { fallbackLanguage, type Language, languages } from '../../texts/languages.ts';
import { shippedTranslator } from '../../texts/texts.ts';

/**
 * The Discord locales (a Discord user's app language) each Tandem language answers to. Discord shows
 * a command's `description` to every other locale, so the fallback language needs none; a new
 * language names its locales here (the compiler asks).
 */
export const discordLocales: Record<Language, readonly Locale[]> = {
  en: [],
  ru: [Locale.Russian],
};

/**
 * A text of the command list in the fallback language (Discord's default) and in every other
 * language's locales. Registered once at start from the shipped texts: Discord caches command
 * lists, so they change with Tandem's releases, not with each edit in the panel.
 */
export function localizedText(key: TextKey): { text: string; localizations: LocalizationMap } {
  const localizations: LocalizationMap = {};
  for (const language of languages) {
    if (language === fallbackLanguage) continue;
    const text = shippedTranslator(language)(key);
    for (const locale of discordLocales[language]) localizations[locale] = text;
  }
  return { text: shippedTranslator(fallbackLanguage)(key), localizations };
}

/** A slash command's name and description (`command.<name>.description`) in every language. */
export function describedCommand(name: string): {
  name: string;
  description: string;
  descriptionLocalizations: LocalizationMap;
} {
  const { text, localizations } = localizedText(textKey(commandDescriptionKey(name)));
  return { name, description: text, descriptionLocalizations: localizations };
}

/** An option's name and description (`command.<command>.option.<option>.description`) in every language. */
export function describedOption(
  command: string,
  option: string,
): { name: string; description: string; descriptionLocalizations: LocalizationMap } {
  const { text, localizations } = localizedText(textKey(`command.${command}.option.${option}.description`));
  return { name: option, description: text, descriptionLocalizations: localizations };
}

/** A choice of an option, its name written by `key` in every language. */
export function localizedChoice<Value extends string>(
  key: TextKey,
  value: Value,
): { name: string; nameLocalizations: LocalizationMap; value: Value } {
  const { text, localizations } = localizedText(key);
  return { name: text, nameLocalizations: localizations, value };
}

/** A missing text fails the start (the command list is built at import), not a registration at Discord. */
function textKey(key: string): TextKey {
  if (!isTextKey(key)) throw new Error(`The Discord command list needs the text "${key}"`);
  return key;
}
