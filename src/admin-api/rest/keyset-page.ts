import { encodeCursor } from './cursor.ts';
import type { KeysetSpec, ListQuery, ListSpec, SortOrder } from './list-query.ts';

/**
 * One page of a list that grows with activity, read by key: the rows after (or before) a cursor
 * on (sort column, id), so the thousandth page costs what the first does, and no count of every
 * matching row. The total is given only when the filter matches at most `exactTotalUpTo` rows
 * (a count that stops there, so it is bounded too); above it react-admin pages without a total.
 */

/** Up to this many matching rows the answer carries the exact total. @defaultValue 1000 */
export const exactTotalUpTo = 1000;

export interface KeysetPage<Row> {
  rows: Row[];
  /** Present when the filter matches at most `exactTotalUpTo` rows. */
  total?: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Opens the page after this one (`?after=`). */
  nextCursor?: string;
  /** Opens the page before this one (`?before=`). */
  previousCursor?: string;
}

export interface KeysetReads<Row> {
  /** findMany with these arguments (plus the resource's own include/select). */
  find(args: { where: object; orderBy: object[]; skip: number; take: number }): Promise<Row[]>;
  /**
   * The ids of the first `take` matching rows in the page's order (findMany selecting the id):
   * their number is the total when it is under the cap. Not Prisma's count with `take`, which
   * orders by id and so walks the primary key (or sorts every match) instead of the filter's index.
   */
  ids(args: { where: object; orderBy: object[]; take: number }): Promise<unknown[]>;
}

const flip = (order: SortOrder): SortOrder => (order === 'asc' ? 'desc' : 'asc');

export async function keysetPage<F, Row extends object>(
  spec: ListSpec<F> & { keyset: KeysetSpec },
  query: ListQuery<F>,
  where: object,
  reads: KeysetReads<Row>,
): Promise<KeysetPage<Row>> {
  const { sort, cursor, take } = query;
  const column = spec.sortable[sort.field] ?? 'id';
  const backwards = cursor?.direction === 'before';
  // Read the page before a cursor by walking the order backwards from it, then turn it around.
  const order = backwards ? flip(sort.order) : sort.order;
  const orderBy = orderOf(column, order);
  const after = cursor ? beyond(column, order, cursor.value, cursor.id) : undefined;
  const [fetched, matching] = await Promise.all([
    reads.find({
      where: after ? { AND: [where, after] } : where,
      orderBy,
      skip: cursor ? 0 : query.skip,
      take: take + 1,
    }),
    // Counted in the list's own order, so the index that serves the page serves the count.
    reads.ids({ where, orderBy: orderOf(column, sort.order), take: exactTotalUpTo + 1 }),
  ]);
  const counted = matching.length;
  const more = fetched.length > take;
  const rows = fetched.slice(0, take);
  if (backwards) rows.reverse();
  const hasNextPage = backwards ? true : more;
  const hasPreviousPage = backwards ? more : cursor !== undefined || query.skip > 0;
  const kinds = { value: spec.keyset.keys[sort.field] ?? spec.keyset.id, id: spec.keyset.id };
  const cursorOf = (row: Row) => {
    const fields = row as Record<string, unknown>;
    return encodeCursor(sort.field, kinds, fields[column], fields.id);
  };
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    ...(counted <= exactTotalUpTo ? { total: counted } : {}),
    hasNextPage,
    hasPreviousPage,
    ...(hasNextPage && last ? { nextCursor: cursorOf(last) } : {}),
    ...(hasPreviousPage && first ? { previousCursor: cursorOf(first) } : {}),
  };
}

function orderOf(column: string, order: SortOrder): object[] {
  return column === 'id' ? [{ id: order }] : [{ [column]: order }, { id: order }];
}

/**
 * The rows strictly beyond (value, id) in `order`. Written as `column <= value AND (column < value
 * OR id < id)` (for descending) rather than the OR alone: the first part bounds the index range,
 * so the scan starts at the cursor instead of filtering its way there from the top.
 */
function beyond(column: string, order: SortOrder, value: unknown, id: unknown): object {
  const strict = order === 'desc' ? 'lt' : 'gt';
  const loose = order === 'desc' ? 'lte' : 'gte';
  if (column === 'id') return { id: { [strict]: id } };
  return {
    AND: [
      { [column]: { [loose]: value } },
      { OR: [{ [column]: { [strict]: value } }, { id: { [strict]: id } }] },
    ],
  };
}
