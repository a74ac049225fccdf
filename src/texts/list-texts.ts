import type { Database } from '../db/database.ts';
import { defaultTexts, isTextKey, placeholdersOf, type TextKey, textKeys } from './default-texts.ts';
import { type Language, languages } from './languages.ts';
import { type PlaceholderName, placeholders } from './placeholders.ts';

/** One placeholder a text offers, as the panel lists it beside the editor. */
export interface OfferedPlaceholder {
  name: string;
  kind: 'number' | 'text';
  about: string;
}

/** A text in one language: what Tandem ships, the community's edit if any, and what the bots send. */
export interface LanguageText {
  shipped: string;
  /** The community's template, or null while the shipped one is used. */
  edited: string | null;
  /** What the bots write from: the edit, else the shipped text. */
  current: string;
  /** The edit's version; 0 while there is none (the version a first edit is saved against). */
  version: number;
  updatedAt: Date | null;
}

/** One text the bots send, in every language Tandem speaks. */
export interface TextRecord {
  id: TextKey;
  /** The part of the key before the first dot, e.g. `notice` for `notice.rankUp`. */
  area: string;
  placeholders: OfferedPlaceholder[];
  /** Whether any language has an edit. */
  edited: boolean;
  translations: Record<Language, LanguageText>;
}

export interface TextFilter {
  id?: string[];
  area?: string[];
  /** Part of the key or of any wording, shipped or edited, in any language. */
  q?: string;
  edited?: boolean;
}

interface OverrideRow {
  key: string;
  language: string;
  template: string;
  version: number;
  updated_at: Date;
}

export function areaOf(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key : key.slice(0, dot);
}

/** The areas texts are grouped in, in the order of the locale files. */
export function textAreas(): string[] {
  return [...new Set(textKeys.map(areaOf))];
}

export function offeredPlaceholders(key: TextKey): OfferedPlaceholder[] {
  return placeholdersOf(key).map((name) => {
    const declared = Object.hasOwn(placeholders, name) ? placeholders[name as PlaceholderName] : undefined;
    return { name, kind: declared?.kind ?? 'text', about: declared?.about ?? '' };
  });
}

function recordOf(key: TextKey, rows: readonly OverrideRow[]): TextRecord {
  const translations = {} as Record<Language, LanguageText>;
  for (const language of languages) {
    const shipped = defaultTexts[language][key] ?? defaultTexts.en[key] ?? '';
    const row = rows.find((r) => r.language === language);
    translations[language] = {
      shipped,
      edited: row?.template ?? null,
      current: row?.template ?? shipped,
      version: row?.version ?? 0,
      updatedAt: row?.updated_at ?? null,
    };
  }
  return {
    id: key,
    area: areaOf(key),
    placeholders: offeredPlaceholders(key),
    edited: rows.some((r) => (languages as readonly string[]).includes(r.language)),
    translations,
  };
}

function matches(record: TextRecord, filter: TextFilter): boolean {
  if (filter.id && !filter.id.includes(record.id)) return false;
  if (filter.area && !filter.area.includes(record.area)) return false;
  if (filter.edited !== undefined && record.edited !== filter.edited) return false;
  if (filter.q) {
    const needle = filter.q.toLocaleLowerCase();
    const haystack = [
      record.id,
      ...Object.values(record.translations).flatMap((t) => [t.shipped, t.edited ?? '']),
    ];
    if (!haystack.some((text) => text.toLocaleLowerCase().includes(needle))) return false;
  }
  return true;
}

/**
 * Every text Tandem ships with the community's edits, filtered, sorted by key (or area, then key).
 * The texts are a few hundred at most and the edits fewer: read at once and filtered in memory.
 */
export async function listTexts(
  db: Pick<Database, 'pool'>,
  filter: TextFilter,
  sort: { field: 'id' | 'area'; order: 'asc' | 'desc' } = { field: 'id', order: 'asc' },
): Promise<TextRecord[]> {
  const { rows } = await db.pool.query<OverrideRow>(
    'SELECT key, language, template, version, updated_at FROM text_overrides',
  );
  const byKey = new Map<string, OverrideRow[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  const records = textKeys
    .map((key) => recordOf(key, byKey.get(key) ?? []))
    .filter((r) => matches(r, filter));
  const sortKey = (r: TextRecord) => (sort.field === 'area' ? `${r.area}\u0000${r.id}` : r.id);
  records.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return sort.order === 'desc' ? records.reverse() : records;
}

/** One text with its edits, or null for a key Tandem does not ship. */
export async function readText(db: Pick<Database, 'pool'>, key: string): Promise<TextRecord | null> {
  if (!isTextKey(key)) return null;
  const { rows } = await db.pool.query<OverrideRow>(
    'SELECT key, language, template, version, updated_at FROM text_overrides WHERE key = $1',
    [key],
  );
  return recordOf(key, rows);
}
