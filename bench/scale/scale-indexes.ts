import type pg from 'pg';

/**
 * A bulk seed writes tens of millions of rows: maintaining every secondary index and checking every
 * foreign key row by row would take most of the run. The seeded tables' own indexes, unique
 * constraints and outgoing foreign keys are read from the catalog (whatever the migrations made
 * them, today's or tomorrow's), dropped, and rebuilt once the rows are in. Re-adding a unique
 * constraint or a foreign key checks every row: the seed's keys and references are verified by
 * PostgreSQL itself. A primary key goes too when no other table references it (a random UUID key
 * maintained row by row is the slowest part of a bulk insert); the others stay. Triggers stay on:
 * the seeded tables' triggers guard updates and deletes only, and a trigger that maintains something
 * on insert must see the seeded rows.
 */

interface Dropped {
  table: string;
  name: string;
  /** The statement that puts it back. */
  create: string;
  kind: 'index' | 'unique' | 'foreign key' | 'primary key';
}

export async function dropSecondaryIndexes(client: pg.ClientBase, tables: string[]): Promise<Dropped[]> {
  const constraints = await client.query<{ tbl: string; name: string; def: string; contype: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def,
            c.contype::text AS contype
       FROM pg_constraint c
      WHERE c.conrelid = ANY($1::regclass[])
        AND (c.contype IN ('u', 'f')
             OR (c.contype = 'p' AND NOT EXISTS (
                   SELECT 1 FROM pg_constraint r
                    WHERE r.contype = 'f' AND r.confrelid = c.conrelid AND NOT r.conrelid = ANY($1::regclass[]))))
      ORDER BY c.contype`,
    [tables],
  );
  const indexes = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name,
            pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const dropped: Dropped[] = [];
  // Foreign keys first ('f' sorts before 'p' and 'u'): a key may be what one of them references.
  for (const c of constraints.rows) {
    await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`);
    dropped.push({
      table: c.tbl,
      name: c.name,
      create: `ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`,
      kind: c.contype === 'f' ? 'foreign key' : c.contype === 'p' ? 'primary key' : 'unique',
    });
  }
  for (const i of indexes.rows) {
    await client.query(`DROP INDEX ${i.name}`);
    dropped.push({ table: i.tbl, name: i.name, create: i.def, kind: 'index' });
  }
  return dropped;
}

/** Puts back what dropSecondaryIndexes dropped: keys and indexes first, foreign keys last. */
export async function restoreSecondaryIndexes(
  client: pg.ClientBase,
  dropped: Dropped[],
  say: (line: string) => void,
): Promise<void> {
  const order = (d: Dropped) => (d.kind === 'foreign key' ? 1 : 0);
  for (const d of [...dropped].sort((a, b) => order(a) - order(b))) {
    const started = Date.now();
    await client.query(d.create);
    const seconds = (Date.now() - started) / 1000;
    if (seconds >= 5) say(`  ${d.kind} ${d.name} rebuilt in ${seconds.toFixed(1)} s`);
  }
}
