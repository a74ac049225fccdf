import type pg from 'pg';

/** A pool or a client inside a transaction: a statement composes with the caller's transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * A named statement: each connection parses and plans it once, then only binds values, which halves
 * Postgres' CPU for a statement run once per event (measured by `npm run bench`). The plan is kept
 * until an ANALYZE of a table it reads: one made in a new install's first minutes, when a scan was
 * the cheap way to read a few pages, is still used once the table has grown. So only a statement
 * that reaches one row per table by its key is named; a statement serving a batch (whose planning
 * the batch shares) or a rare one is planned at each call (`src/sync/hot-path-plans.int.test.ts`).
 */
export function preparedAs(name: string, text: string): { name: string; text: string } {
  return { name: `tandem-${name}`, text };
}

/**
 * `preparedAs` where the connection allows names (`Database.namedStatements`), else the same text
 * planned at each call: behind PgBouncer in transaction mode (before 1.21) a name prepared on one
 * server connection is unknown on the next, and the statement fails.
 */
export function statementFor(
  name: string,
  text: string,
  namedStatements: boolean,
): { name?: string; text: string } {
  return namedStatements ? preparedAs(name, text) : { text };
}
