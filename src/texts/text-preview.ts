import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import type { MessageParams } from '../core/message.ts';
import { parseInput } from '../core/parse-input.ts';
import { placeholdersOf } from './default-texts.ts';
import { type Language, languageNames, languages } from './languages.ts';
import { offeredPlaceholders } from './list-texts.ts';
import { parseTemplate, type TemplateProblem, templateProblemsOf, withNumbersFormatted } from './template.ts';
import { textKeyOf } from './text-writes.ts';

/**
 * What an edited template would read like before it is saved: the panel shows it as the admin types,
 * with sample values, and the same refusals a save would get.
 */
export interface TextPreview {
  /** The template written with the sample values; null when it has problems. */
  text: string | null;
  problems: string[];
  /** The same problems by code and values, for the panel to say in the admin's language. */
  problemCodes: Pick<TemplateProblem, 'code' | 'params'>[];
  /** For a text with numbers: the same template with 1, 2, 5 and 21, to check every plural form. */
  examples: { count: number; text: string }[];
}

const previewSchema = z.object({
  language: z.enum(languages, { message: `must be one of ${languages.join(', ')}` }),
  template: z.string({ message: 'must be the text to preview' }),
  /** Values to use instead of the samples, by placeholder name. */
  values: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional(),
});

/** Sample values for the placeholders that stand for words; any other reads as its own name. */
const sampleWords: Record<string, Record<Language, string>> = {
  player: { en: 'Alex', ru: 'Алексей' },
  name: { en: 'alex_plays', ru: 'alex_plays' },
  rank: { en: 'Veteran', ru: 'Ветеран' },
  achievement: { en: 'First steps', ru: 'Первые шаги' },
  achievements: { en: 'First steps, Chatterbox', ru: 'Первые шаги, Болтун' },
  task: { en: 'Invite a friend', ru: 'Пригласить друга' },
  title: { en: 'Invite a friend', ru: 'Пригласить друга' },
  hint: { en: 'a link to your post', ru: 'ссылка на ваш пост' },
  note: { en: 'Send the link to your post, please.', ru: 'Пришлите, пожалуйста, ссылку на пост.' },
  reason: { en: 'event prize', ru: 'приз конкурса' },
  platform: { en: 'Discord', ru: 'Discord' },
  otherPlatform: { en: 'Telegram', ru: 'Telegram' },
  telegram: { en: '@alex_plays', ru: '@alex_plays' },
  discord: { en: 'alex.plays', ru: 'alex.plays' },
  bar: { en: '▰▰▰▰▱▱▱▱▱▱', ru: '▰▰▰▰▱▱▱▱▱▱' },
  reward: { en: '+50 XP and +10 coins', ru: '+50 XP и +10 монет' },
  merged: { en: '300 XP and 40 coins', ru: '300 XP и 40 монет' },
  kept: { en: '1,200 XP and 150 coins', ru: '1 200 XP и 150 монет' },
  together: { en: '1,500 XP and 190 coins', ru: '1 500 XP и 190 монет' },
  season: { en: 'December week 1', ru: 'Первая неделя декабря' },
  winners: { en: '1. Alex (420 XP), 2. Sam (310 XP)', ru: '1. Алексей (420 XP), 2. Сэм (310 XP)' },
  wait: { en: '5h 12m', ru: '5 ч 12 мин' },
  time: { en: '6 Dec 2026, 18:00 UTC', ru: '6 дек. 2026, 18:00 UTC' },
  place: { en: '🥇', ru: '🥇' },
  code: { en: 'K7PX-2Q', ru: 'K7PX-2Q' },
  button: { en: '📅 Daily reward', ru: '📅 Ежедневная награда' },
  buttons: { en: '📅 Daily reward, 🏆 Top', ru: '📅 Ежедневная награда, 🏆 Топ' },
  bot: { en: '@tandem_bot', ru: '@tandem_bot' },
  status: { en: 'approved', ru: 'одобрено' },
  items: { en: 'First steps, Chatterbox', ru: 'Первые шаги, Болтун' },
  last: { en: 'Night owl', ru: 'Сова' },
  record: { en: 'task', ru: 'задание' },
  typed: { en: '/dayly', ru: '/dayly' },
  languages: { en: 'en, ru', ru: 'en, ru' },
};

/** The plural categories English and Russian have, each reached by one of these numbers. */
export const exampleCounts = [1, 2, 5, 21] as const;
const sampleNumber = 1250;

function sampleValues(key: ReturnType<typeof textKeyOf>, language: Language, count?: number): MessageParams {
  const values: Record<string, string | number> = {};
  for (const { name, kind } of offeredPlaceholders(key)) {
    if (kind === 'number') values[name] = count ?? sampleNumber;
    else if (name === 'language') values[name] = languageNames[language];
    else values[name] = sampleWords[name]?.[language] ?? name;
  }
  return values;
}

function format(template: string, language: Language, values: MessageParams): string {
  const formatter = new IntlMessageFormat(withNumbersFormatted(parseTemplate(template)), language);
  return String(formatter.format(values as Record<string, string | number>));
}

export function previewText(input: { key: string } & z.input<typeof previewSchema>): TextPreview {
  const key = textKeyOf(input.key);
  const { language, template, values } = parseInput(previewSchema, input, 'preview');
  const found = templateProblemsOf(template, { language, allowed: placeholdersOf(key) });
  if (found.length) {
    return {
      text: null,
      problems: found.map((p) => p.sentence),
      problemCodes: found.map(({ code, params }) => ({ code, params })),
      examples: [],
    };
  }
  try {
    const text = format(template, language, { ...sampleValues(key, language), ...values });
    const hasNumbers = offeredPlaceholders(key).some((p) => p.kind === 'number');
    const examples = hasNumbers
      ? exampleCounts.map((count) => ({
          count,
          text: format(template, language, { ...values, ...sampleValues(key, language, count) }),
        }))
      : [];
    return { text, problems: [], problemCodes: [], examples };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      text: null,
      problems: [reason],
      problemCodes: [{ code: 'format', params: { reason } }],
      examples: [],
    };
  }
}
