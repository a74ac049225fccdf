import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { testAdminDatabaseUrl } from '../../test/support/env.ts';
import { type Database, openDatabase } from './database.ts';

let database: TestDatabase | undefined;
let db: Database | undefined;

afterEach(async () => {
  await db?.close();
  await database?.drop();
  db = database = undefined;
});

describe('a connection the server drops while a client is checked out (failover, pg_terminate_backend)', () => {
  it('fails that client instead of crashing the process, and the pool carries on', async () => {
    database = await createTestDatabase();
    db = openDatabase(database.url, 2);
    // Between two statements of a transaction: no query is running to receive the error.
    const client = await db.pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    // The server's goodbye arrives while the client is idle in our hands: an 'error' event
    // nobody listened to would have thrown out of the socket handler and ended the process.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    // Dropped, not handed to the next caller.
    expect(db.pool.totalCount).toBe(0);
    const after = await db.pool.query<{ one: number }>('SELECT 1 AS one');
    expect(after.rows).toEqual([{ one: 1 }]);
  });
});
