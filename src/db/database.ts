import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export { Prisma } from '../generated/prisma/client.ts';
export type { PrismaClient };

/**
 * One connection pool per process, shared by Prisma (admin-side reads and writes) and the hot path,
 * which speaks SQL to the pool directly: on this kind of machine Prisma's query layer costs 2.5-3x
 * per statement, and recording an event is one statement.
 */
export interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
  /**
   * Whether the hot path may name its statements (`preparedAs`): false behind a pooler that hands
   * each transaction a different server connection and cannot follow a name from one to the next
   * (PgBouncer in transaction mode before 1.21).
   */
  namedStatements: boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** See `Database.namedStatements`. @defaultValue true */
  namedStatements?: boolean;
}

export function openDatabase(
  connectionString: string,
  poolSize: number,
  options: DatabaseOptions = {},
): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its server (restart, pg_terminate_backend) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => {});
  // The pool listens only to its idle clients: a client checked out (a transaction between two
  // statements) whose server goes away would emit an 'error' nobody hears, which ends the process.
  // Its next query fails instead, and the pool drops it on release (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', () => {}));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    pool,
    prisma,
    namedStatements: options.namedStatements ?? true,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
