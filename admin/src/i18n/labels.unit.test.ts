import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { panelMessages } from './locales.ts';
import { keysOf } from './messages.ts';

/**
 * The panel's pages name their words by message key: a label written out in English would stay
 * English in Russian, and a key with a typo would show the key itself.
 */

const root = join(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') && dir !== import.meta.dirname
      ? [path]
      : [];
  });
const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

const isKey = (text: string) => /^(ra|resources|tandem)\.[\w.]+$/.test(text);
/** Attribute values that are not words: the product's name, an empty cell, examples of input. */
const notWords = new Set(['Tandem', '—', 'https://…', '/daily']);
const shownAttributes =
  /\b(label|title|subtitle|hint|helperText|emptyText|empty|placeholder|content|confirm|confirmLabel|trueLabel|falseLabel|primaryText)="([^"]*)"/g;

describe("the panel's words", () => {
  it('are message keys in every attribute a person reads', () => {
    expect(files.length).toBeGreaterThan(100);
    const written = files.flatMap(({ path, text }) =>
      [...text.matchAll(shownAttributes)]
        .map((match) => match[2] ?? '')
        .filter((value) => value !== '' && !isKey(value) && !notWords.has(value))
        .map((value) => `${path}: "${value}"`),
    );
    expect(written).toEqual([]);
  });

  it('name keys that exist in the English messages', () => {
    const known = new Set(keysOf(panelMessages.en));
    const used = files.flatMap(({ path, text }) => [
      ...[...text.matchAll(shownAttributes)].map((match) => ({ path, key: match[2] ?? '' })),
      ...[...text.matchAll(/translate\(\s*'([^']+)'/g)].map((match) => ({ path, key: match[1] ?? '' })),
      ...[...text.matchAll(/['"]((?:tandem|resources)\.[\w.]+)['"]/g)].map((match) => ({
        path,
        key: match[1] ?? '',
      })),
    ]);
    const unknown = used
      .filter(({ key }) => isKey(key) && !known.has(key))
      .map(({ path, key }) => `${path}: ${key}`);
    expect([...new Set(unknown)]).toEqual([]);
  });
});
