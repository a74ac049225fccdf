import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { panelMessages } from './locales.ts';
import { keysOf, type MessageTree } from './messages.ts';
import { ru } from './ru.ts';

const valueAt = (tree: MessageTree, key: string): string =>
  key.split('.').reduce<unknown>((node, part) => (node as MessageTree)[part], tree) as string;

const valuesIn = (message: string) =>
  [...new Set([...message.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe("the panel's locales", () => {
  it("give Tandem's labels in both languages, key for key", () => {
    const english = keysOf(en as MessageTree);
    const russian = keysOf(ru as MessageTree);
    expect(russian.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !russian.includes(key))).toEqual([]);
  });

  it('keep every value a message names, and the plural forms', () => {
    for (const key of keysOf(en as MessageTree)) {
      const english = valueAt(en as MessageTree, key);
      const russian = valueAt(ru as MessageTree, key);
      expect(valuesIn(russian), key).toEqual(valuesIn(english));
      expect(russian.includes('||||'), key).toBe(english.includes('||||'));
      expect(russian.trim(), key).not.toBe('');
    }
  });

  it("have every one of react-admin's own messages in Russian, English filling what its pack lacks", () => {
    const framework = keysOf(englishMessages as unknown as MessageTree);
    const russian = new Set(keysOf(panelMessages.ru));
    expect(framework.filter((key) => !russian.has(key))).toEqual([]);
    expect(keysOf(panelMessages.en).filter((key) => !russian.has(key))).toEqual([]);
    expect(valueAt(panelMessages.ru, 'ra.action.save')).toBe('Сохранить');
  });
});
