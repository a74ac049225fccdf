import pg from 'pg';
import type { MappedRole } from './discord-checks.ts';

/** The Discord roles active ranks and achievements hand out; none when the database cannot say. */
export async function readMappedRoles(databaseUrl: string): Promise<MappedRole[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ owner: string; role_id: string }>(
      // Ranks from the lowest up, as the ladder reads; then achievements by name.
      `SELECT owner, role_id FROM (
         SELECT 'rank ' || name AS owner, discord_role_id AS role_id, 0 AS kind, priority, name FROM ranks
           WHERE active AND discord_role_id IS NOT NULL
         UNION ALL
         SELECT 'achievement ' || name, discord_role_id, 1, 0, name FROM achievements
           WHERE active AND discord_role_id IS NOT NULL
       ) mapped ORDER BY kind, priority, name`,
    );
    return rows.map((row) => ({ owner: row.owner, roleId: row.role_id }));
  } catch {
    // The PostgreSQL checks already report why the database cannot be read.
    return [];
  } finally {
    await client.end().catch(() => {});
  }
}
