import { IntlMessageFormat } from 'intl-messageformat';
import { LRUCache } from 'lru-cache';
import { cachedValue } from '../core/cached-value.ts';
import type { Message, MessageParams } from '../core/message.ts';
import type { Database } from '../db/database.ts';
import type { EntityChange } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { defaultTexts, isTextKey, type TextKey } from './default-texts.ts';
import { languageSettingsKey } from './language-settings.ts';
import { fallbackLanguage, type Language, languageOfTag } from './languages.ts';
import { parseTemplate, withNumbersFormatted } from './template.ts';
import { type CommunityTexts, loadCommunityTexts } from './text-overrides.ts';

/** Writes one text in one language: `t('common.coins', { coins: 5 })` → "5 монет". */
export type Translate = (key: TextKey, params?: MessageParams) => string;

/**
 * Every text a bot sends, in the reader's language, with the community's edits. Edits are read once
 * and kept until an admin changes one (`onChange`, on the change feed) or a minute passes.
 */
export interface Texts {
  /** Writes texts in the language as the community has them now; the function itself is synchronous. */
  translator(language: Language): Promise<Translate>;
  render(language: Language, message: Message): Promise<string>;
  /** The language of a reader who chose none and whose client reports none Tandem speaks. */
  defaultLanguage(): Promise<Language>;
  /**
   * The reader's language: their own choice, else their client's (a language tag or one already
   * reduced), else the community's default.
   */
  languageFor(reader: { chosen?: string | null; client?: string | null }): Promise<Language>;
  /** Forgets the edits when an admin changed a text or the default language. */
  onChange(change: EntityChange): void;
}

export interface TextsOptions {
  db: Pick<Database, 'pool'>;
  logger?: Pick<Logger, 'warn'>;
  /** How long edits are kept without a change being announced. @defaultValue 60000 */
  ttlMs?: number;
}

export function createTexts({ db, logger, ttlMs }: TextsOptions): Texts {
  const community = cachedValue(() => loadCommunityTexts(db, logger), { ttlMs });
  const translate = translatorOf(logger);
  return {
    async translator(language) {
      const texts = await community.get();
      return (key, params) => translate(texts, language, key, params);
    },
    async render(language, message) {
      const texts = await community.get();
      if (!isTextKey(message.key)) {
        logger?.warn({ key: message.key }, 'a message names a text that does not exist');
        return message.key;
      }
      return translate(texts, language, message.key, message.params);
    },
    async defaultLanguage() {
      return (await community.get()).defaultLanguage;
    },
    async languageFor({ chosen, client }) {
      return languageOfTag(chosen) ?? languageOfTag(client) ?? (await community.get()).defaultLanguage;
    },
    onChange(change) {
      if (change.entity === 'texts' || (change.entity === 'settings' && change.id === languageSettingsKey)) {
        community.drop();
      }
    },
  };
}

/** The shipped texts alone, for code that has no database (the command lists the bots register). */
export function shippedTranslator(language: Language): Translate {
  return (key, params) => shipped(noEdits, language, key, params);
}

/**
 * One translator of the shipped texts for the whole process: the fallbacks of every reply and
 * interaction share its compiled templates instead of compiling them again each time.
 */
const shipped = translatorOf();
const noEdits: CommunityTexts = { overrides: new Map(), defaultLanguage: fallbackLanguage };

/**
 * The community's edit, else the shipped text of the language, else the English one. A template
 * that fails to format (an edit saved before a placeholder was renamed) falls back the same way and
 * is logged, so a player never reads a broken text.
 */
function translatorOf(logger?: Pick<Logger, 'warn'>) {
  const compiled = new LRUCache<string, IntlMessageFormat>({ max: 2000 });
  const format = (language: Language, source: string, params: MessageParams | undefined): string => {
    const cacheKey = `${language}\u0000${source}`;
    let formatter = compiled.get(cacheKey);
    if (!formatter) {
      formatter = new IntlMessageFormat(withNumbersFormatted(parseTemplate(source)), language);
      compiled.set(cacheKey, formatter);
    }
    return String(formatter.format(params as Record<string, string | number>));
  };
  return (texts: CommunityTexts, language: Language, key: TextKey, params?: MessageParams): string => {
    const candidates: [Language, string | undefined][] = [
      [language, texts.overrides.get(language)?.get(key)],
      [language, defaultTexts[language]?.[key]],
      [fallbackLanguage, defaultTexts[fallbackLanguage][key]],
    ];
    for (const [candidateLanguage, source] of candidates) {
      if (source === undefined) continue;
      try {
        return format(candidateLanguage, source, params);
      } catch (error) {
        logger?.warn(
          { err: error, key, language: candidateLanguage },
          'text could not be written: using the next one',
        );
      }
    }
    return key;
  };
}
