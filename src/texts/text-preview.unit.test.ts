import { describe, expect, it } from 'vitest';
import { defaultTexts, textKeys } from './default-texts.ts';
import { languages } from './languages.ts';
import { previewText } from './text-preview.ts';

describe('the preview of a text', () => {
  it('writes every shipped text in every language with sample values', () => {
    for (const language of languages) {
      for (const key of textKeys) {
        const template = defaultTexts[language][key] ?? defaultTexts.en[key] ?? '';
        const preview = previewText({ key, language, template });
        expect(preview.problems, `${language} ${key}`).toEqual([]);
        expect(preview.text, `${language} ${key}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('shows each plural form and refuses what a save would refuse', () => {
    const ru = '{coins, plural, one {# монета} few {# монеты} many {# монет} other {# монеты}}';
    expect(previewText({ key: 'common.coins', language: 'ru', template: ru }).examples).toEqual([
      { count: 1, text: '1 монета' },
      { count: 2, text: '2 монеты' },
      { count: 5, text: '5 монет' },
      { count: 21, text: '21 монета' },
    ]);
    const refused = previewText({ key: 'common.coins', language: 'en', template: '{rank}' });
    expect(refused).toEqual({
      text: null,
      problems: ['{rank} is not a placeholder of this text; it can use {coins}'],
      problemCodes: [{ code: 'unknownPlaceholder', params: { name: '{rank}', offered: '{coins}' } }],
      examples: [],
    });
  });
});
