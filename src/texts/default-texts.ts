import type { Message, MessageParams } from '../core/message.ts';
import type { Language } from './languages.ts';
import enCommands from './locales/en/commands.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enErrors from './locales/en/errors.json' with { type: 'json' };
import enNotices from './locales/en/notices.json' with { type: 'json' };
import enReplies from './locales/en/replies.json' with { type: 'json' };
import ruCommands from './locales/ru/commands.json' with { type: 'json' };
import ruCommon from './locales/ru/common.json' with { type: 'json' };
import ruErrors from './locales/ru/errors.json' with { type: 'json' };
import ruNotices from './locales/ru/notices.json' with { type: 'json' };
import ruReplies from './locales/ru/replies.json' with { type: 'json' };
import { parseTemplate, placeholdersIn } from './template.ts';

/**
 * The texts Tandem ships, one locale file per area and language. English is complete by definition
 * (its keys are the list of texts); every other language must have the same keys and placeholders,
 * which test/texts checks.
 */
const english = { ...enCommon, ...enCommands, ...enReplies, ...enErrors, ...enNotices };

/** The name of one text the bots send, e.g. `common.somethingWentWrong`. */
export type TextKey = keyof typeof english;

export const defaultTexts: Record<Language, Readonly<Record<string, string>>> = {
  en: english,
  ru: { ...ruCommon, ...ruCommands, ...ruReplies, ...ruErrors, ...ruNotices },
};

export const textKeys = Object.keys(english) as TextKey[];

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(english, key);
}

/** A message naming a shipped text, checked by the compiler: `messageOf('notice.rankUp', { rank })`. */
export function messageOf(key: TextKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

/** The placeholders a text offers: those its English default uses. */
export function placeholdersOf(key: TextKey): string[] {
  return placeholdersIn(parseTemplate(english[key]));
}
