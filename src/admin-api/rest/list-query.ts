import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { type Cursor, decodeCursor, type KeyKind } from './cursor.ts';
import { jsonParam } from './json-param.ts';

/** The most rows one list request may ask for. @defaultValue 500 */
export const maxPageSize = 500;
/** Rows returned when a list request names no range. @defaultValue 25 */
export const defaultPageSize = 25;

/**
 * How far a keyset list may be entered by offset (a jump to a page number): past it, pages are
 * reached by their neighbours' cursors, which cost what the first page costs. @defaultValue 10000
 */
export const maxKeysetOffset = 10_000;

export type SortOrder = 'asc' | 'desc';
export interface Sort {
  field: string;
  order: SortOrder;
}

/** What one resource lets a list request ask for: anything else is a 400, never ignored. */
export interface ListSpec<F> {
  /** The fields react-admin may sort by, each mapped to the Prisma path that orders it (`task.title`). */
  sortable: Readonly<Record<string, string>>;
  defaultSort: Sort;
  /** The whitelisted filters: build it with `filterSchema`, so an unknown filter is refused. */
  filter: z.ZodType<F>;
  /**
   * Set on the lists that grow with activity: they page by key (`after`/`before` cursors on the sort
   * column and the id), answer no exact total past a few pages, and accept offsets only up to
   * `maxKeysetOffset`. Every sortable field must then be a non-null column of the row itself.
   */
  keyset?: KeysetSpec;
}

export interface KeysetSpec {
  /** The kind of each sortable field's column, as a cursor carries it. */
  keys: Readonly<Record<string, KeyKind>>;
  /** The kind of the `id` column that breaks ties. */
  id: KeyKind;
}

/** A list request in the ra-data-simple-rest dialect, validated. */
export interface ListQuery<F> {
  sort: Sort;
  /** The first row, counted from 0 (react-admin's range start). */
  skip: number;
  take: number;
  filter: F;
  /** A keyset list's neighbour page: the rows after (or before) this one in the sort's order. */
  cursor?: Cursor;
}

const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)], {
    message: 'must be [first, last] row numbers, e.g. [0,24]',
  })
  .refine(([first, last]) => last >= first, 'the last row comes before the first')
  .refine(
    ([first, last]) => last - first + 1 <= maxPageSize,
    `at most ${maxPageSize} rows per request: ask for a smaller range`,
  );

function querySchema<F>(spec: ListSpec<F>) {
  const fields = Object.keys(spec.sortable);
  const sortSchema = z
    .tuple([z.string(), z.enum(['ASC', 'DESC', 'asc', 'desc'], { message: 'the order is ASC or DESC' })], {
      message: 'must be ["field","ASC" or "DESC"]',
    })
    .refine(([field]) => Object.hasOwn(spec.sortable, field), {
      message: `cannot sort by this field; sortable fields: ${fields.join(', ')}`,
      path: [0],
    });
  return z.object({
    sort: jsonParam(sortSchema, '["createdAt","DESC"]').optional(),
    range: jsonParam(rangeSchema, '[0,24]').optional(),
    filter: jsonParam(z.record(z.string(), z.unknown(), { message: 'must be an object' }), '{}')
      .pipe(spec.filter as z.ZodType<F, Record<string, unknown>>)
      .optional(),
    after: z.string({ message: 'must be a cursor' }).optional(),
    before: z.string({ message: 'must be a cursor' }).optional(),
  });
}

/**
 * Reads `?sort=["field","ASC"]&range=[0,24]&filter={...}`. A list without a range gets the first
 * `defaultPageSize` rows, except react-admin's getMany (`filter={"id":[...]}`), which gets them all.
 * Throws HttpError 400 naming what was wrong.
 */
export function parseListQuery<F>(query: unknown, spec: ListSpec<F>): ListQuery<F> {
  const parsed = querySchema(spec).safeParse(query ?? {});
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issuePath(issue.path)] ??= issue.message;
    throw refusal(fields);
  }
  const { sort: sortParam, range, after, before } = parsed.data;
  const filter = (parsed.data.filter ?? spec.filter.parse({})) as F;
  const idList = Array.isArray((filter as { id?: unknown }).id);
  const sort = sortParam
    ? { field: sortParam[0], order: sortParam[1].toLowerCase() as SortOrder }
    : spec.defaultSort;
  const list: ListQuery<F> = {
    sort,
    skip: range ? range[0] : 0,
    take: range ? range[1] - range[0] + 1 : idList ? maxPageSize : defaultPageSize,
    filter,
  };
  const cursor = readCursor(spec, sort, after, before);
  if (cursor) return { ...list, cursor };
  if (spec.keyset && list.skip > maxKeysetOffset) {
    throw refusal({
      range: `this list opens at most ${maxKeysetOffset} rows in by offset: page on with the after/before cursor of a neighbour page, or narrow the filter`,
    });
  }
  return list;
}

function refusal(fields: Record<string, string>): HttpError {
  const summary = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  return new HttpError(400, `Bad list request: ${summary}`, fields);
}

/** The `after` or `before` cursor of a keyset list, checked against the list and the sort. */
function readCursor<F>(
  spec: ListSpec<F>,
  sort: Sort,
  after: string | undefined,
  before: string | undefined,
): Cursor | undefined {
  if (after === undefined && before === undefined) return undefined;
  const param = after === undefined ? 'before' : 'after';
  if (!spec.keyset) throw refusal({ [param]: 'this list pages by range only: drop the cursor' });
  if (after !== undefined && before !== undefined) {
    throw refusal({ after: 'give after or before, not both' });
  }
  const keyset = spec.keyset;
  const reading = decodeCursor(String(after ?? before), (field) => {
    const value = keyset.keys[field];
    return value ? { value, id: keyset.id } : undefined;
  });
  if (!reading.ok) throw refusal({ [param]: reading.reason });
  if (reading.field !== sort.field) {
    throw refusal({
      [param]: `this cursor pages the sort by ${reading.field}, not by ${sort.field}: page from the start`,
    });
  }
  return { direction: param, field: reading.field, value: reading.value, id: reading.id };
}

/** `sort.0` reads badly: the tuple positions get names. */
function issuePath(path: PropertyKey[]): string {
  const [param, position, ...rest] = path.map(String);
  if (param === 'sort' && position === '0') return 'sort.field';
  if (param === 'sort' && position === '1') return 'sort.order';
  if (param === 'range' && position !== undefined) return 'range';
  return [param, position, ...rest].filter((part) => part !== undefined).join('.');
}
