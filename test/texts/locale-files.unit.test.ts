import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTexts, placeholdersOf, textKeys } from '../../src/texts/default-texts.ts';
import { languages } from '../../src/texts/languages.ts';
import { pageTextKeys, pageTexts } from '../../src/texts/page-texts.ts';
import { placeholders } from '../../src/texts/placeholders.ts';
import { parseTemplate, placeholdersIn, templateProblems } from '../../src/texts/template.ts';

// The shipped texts are what every player reads before an admin edits anything: each must exist in
// every language, keep every placeholder of the English one and give each language its plural forms.
describe('the locale files', () => {
  for (const language of languages) {
    it(`${language} has every text, and no text English lacks`, () => {
      const keys = Object.keys(defaultTexts[language]);
      expect(textKeys.filter((key) => !keys.includes(key))).toEqual([]);
      expect(keys.filter((key) => !(textKeys as string[]).includes(key))).toEqual([]);
    });

    it(`${language}: every text parses, keeps the English placeholders and has its plural forms`, () => {
      const broken: Record<string, string[]> = {};
      for (const key of textKeys) {
        const source = defaultTexts[language][key];
        if (source === undefined) continue;
        const allowed = placeholdersOf(key);
        const problems = templateProblems(source, { language, allowed });
        const dropped = allowed.filter((name) => !placeholdersIn(parseTemplate(source)).includes(name));
        for (const name of dropped) problems.push(`drops {${name}}`);
        if (problems.length) broken[key] = problems;
      }
      expect(broken).toEqual({});
    });
  }

  it('each text is defined once: no two area files of a language share a key', () => {
    for (const language of languages) {
      const folder = fileURLToPath(new URL(`../../src/texts/locales/${language}/`, import.meta.url));
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
        for (const key of Object.keys(JSON.parse(readFileSync(`${folder}${file}`, 'utf8')))) {
          if (seen.has(key)) twice.push(`${language}: ${key} in ${seen.get(key)} and ${file}`);
          seen.set(key, file);
        }
      }
      expect(twice).toEqual([]);
      // Bot texts and web-page texts (pages.json) together: every file's keys, and nothing else.
      expect(seen.size).toBe(
        Object.keys(defaultTexts[language]).length + Object.keys(pageTexts[language]).length,
      );
    }
  });

  it('every placeholder a text uses is described for the panel', () => {
    const used = new Set(textKeys.flatMap(placeholdersOf));
    expect([...used].filter((name) => !Object.hasOwn(placeholders, name))).toEqual([]);
  });
});

// The web pages' words (pages.json: the public board page, the Mini App) follow the same rule: every
// language has each text, with the English placeholders and its own plural forms.
describe('the web pages’ locale files', () => {
  const englishPlaceholders = (key: string) => placeholdersIn(parseTemplate(pageTexts.en[key]!));

  for (const language of languages) {
    it(`${language} has every page text, and none English lacks`, () => {
      const keys = Object.keys(pageTexts[language]);
      expect(pageTextKeys.filter((key) => !keys.includes(key))).toEqual([]);
      expect(keys.filter((key) => !(pageTextKeys as string[]).includes(key))).toEqual([]);
    });

    it(`${language}: every page text parses, keeps the English placeholders and has its plural forms`, () => {
      const broken: Record<string, string[]> = {};
      for (const key of pageTextKeys) {
        const source = pageTexts[language][key];
        if (source === undefined) continue;
        const allowed = englishPlaceholders(key);
        const problems = templateProblems(source, { language, allowed });
        const dropped = allowed.filter((name) => !placeholdersIn(parseTemplate(source)).includes(name));
        for (const name of dropped) problems.push(`drops {${name}}`);
        if (problems.length) broken[key] = problems;
      }
      expect(broken).toEqual({});
    });
  }

  it('page texts are keyed page.<page>.<text>, apart from the bot texts', () => {
    expect(pageTextKeys.filter((key) => !/^page\.[a-z]+\.[A-Za-z]+$/.test(key))).toEqual([]);
    expect(pageTextKeys.filter((key) => (textKeys as string[]).includes(key))).toEqual([]);
  });
});
