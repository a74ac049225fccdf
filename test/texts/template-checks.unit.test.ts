import { describe, expect, it } from 'vitest';
import { templateProblems } from '../../src/texts/template.ts';

const coinsText = { language: 'ru' as const, allowed: ['coins', 'language'] };

describe('checking an edited text', () => {
  it('accepts a text that uses its placeholders and every Russian plural form', () => {
    expect(
      templateProblems(
        'У вас {coins, plural, one {# монета} few {# монеты} many {# монет} other {# монеты}}',
        coinsText,
      ),
    ).toEqual([]);
  });

  it('refuses an unknown placeholder and names the ones the text offers', () => {
    expect(templateProblems('Привет, {player}!', coinsText)).toEqual([
      '{player} is not a placeholder of this text; it can use {coins}, {language}',
    ]);
  });

  it('refuses a plural that forgets a form the language has', () => {
    expect(templateProblems('{coins, plural, one {# монета} other {# монет}}', coinsText)).toEqual([
      'the plural of {coins} lacks the forms few, many; Русский uses few, many, one, other',
    ]);
  });

  it('refuses a form the language never uses', () => {
    expect(
      templateProblems('{coins, plural, one {# coin} few {# coins} other {# coins}}', {
        language: 'en',
        allowed: ['coins'],
      }),
    ).toEqual(['the plural of {coins} has few, which English never uses (it uses one, other)']);
  });

  it('refuses a plural of something that is not a number', () => {
    expect(templateProblems('{language, plural, other {x}}', coinsText)).toEqual([
      '{language} is not a number, so it has no plural',
    ]);
  });

  it('says where a text stops parsing', () => {
    expect(templateProblems('У вас {coins', coinsText)).toEqual([
      'a placeholder is not closed: add "}" (at character 7)',
    ]);
    expect(templateProblems('{coins, plural, one {# монета}}', coinsText)[0]).toMatch(/needs an "other/);
    expect(templateProblems('  ', coinsText)).toEqual(['the text is empty']);
  });
});
