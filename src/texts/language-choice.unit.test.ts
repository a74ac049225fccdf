import { describe, expect, it } from 'vitest';
import { languageChoicesList, parseLanguageChoice } from './language-choice.ts';

describe('what a player types after /language', () => {
  it('reads codes, regional tags, languages named in themselves and "client"', () => {
    expect(parseLanguageChoice('ru')).toBe('ru');
    expect(parseLanguageChoice(' EN-gb ')).toBe('en');
    expect(parseLanguageChoice('Русский')).toBe('ru');
    expect(parseLanguageChoice('english')).toBe('en');
    expect(parseLanguageChoice('client')).toBe('client');
  });

  it('refuses what names no language the bots speak', () => {
    for (const typed of ['de', 'klingon', '', 'ru ru']) expect(parseLanguageChoice(typed), typed).toBeNull();
    expect(languageChoicesList()).toBe('en, ru, client');
  });
});
