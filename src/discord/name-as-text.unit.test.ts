import { describe, expect, it } from 'vitest';
import { nameAsText } from './name-as-text.ts';

/** Discord's markdown characters; in an escaped name each is preceded by a backslash. */
const markdown = /[*_~`|[<\\]/;

function unescaped(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (markdown.test(text[i]!)) found.push(text[i]!);
  }
  return found;
}

describe('nameAsText', () => {
  it('escapes every markdown construct, so Discord shows the name as written', () => {
    const names = [
      '[Free Nitro](https://evil.example) **STAFF**',
      '__under__ ~~struck~~ ||spoiler|| `code` ```block```',
      '*it* _it_ back\\slash',
      '<@123> <#456> <:emoji:789> <t:0:R>',
    ];
    for (const name of names) {
      const shown = nameAsText(name);
      expect(unescaped(shown), name).toEqual([]);
      expect(shown.replace(/\\(.)/g, '$1'), name).toBe(name);
    }
    expect(nameAsText('[Free Nitro](https://evil.example) **STAFF**')).toBe(
      '\\[Free Nitro](https://evil.example) \\*\\*STAFF\\*\\*',
    );
  });

  it('keeps a name on one line, so it cannot start a heading, list or quote', () => {
    expect(nameAsText('Ada\n# BIG\n> quote')).toBe('Ada # BIG > quote');
    expect(nameAsText('# Ada')).toBe('\\# Ada');
    expect(nameAsText('Ada Lovelace')).toBe('Ada Lovelace');
  });
});
