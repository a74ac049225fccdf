import type { Sort } from './list-query.ts';

/**
 * The Prisma `orderBy` of a validated sort: the whitelisted path (`task.title` becomes
 * `{task: {title}}`), then the unique `tieBreaker` column, so rows with equal values keep one order
 * across pages.
 */
export function prismaOrderBy<OrderBy extends object>(
  sortable: Readonly<Record<string, string>>,
  sort: Sort,
  tieBreaker = 'id',
): OrderBy[] {
  const path = sortable[sort.field] ?? tieBreaker;
  const nested = path
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), sort.order) as object;
  // Built from a whitelisted path, so the shape is the model's own orderBy.
  return (path === tieBreaker ? [nested] : [nested, { [tieBreaker]: sort.order }]) as OrderBy[];
}
