import pg from 'pg';
import { round } from './stats.ts';

// What the bench database's sessions were doing (sampled), and its own counters per event.

export interface ActivityProfile {
  samples: number;
  /** Share of (session x sample) observations by what the session was doing. */
  shares: Record<string, number>;
  mean_active_sessions: number;
}

/** Samples pg_stat_activity of one database every `everyMs` (active: on CPU or waiting on what). */
export function sampleActivity(databaseUrl: string, databaseName: string, everyMs = 20) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const tally = new Map<string, number>();
  let samples = 0;
  let activeTotal = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ state: string | null; wt: string | null; we: string | null }>(
        `SELECT state, wait_event_type AS wt, wait_event AS we FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [databaseName],
      );
      samples++;
      for (const row of rows) {
        let what: string;
        if (row.state === 'active') {
          activeTotal++;
          what = row.wt ? `active: wait ${row.wt}/${row.we}` : 'active: on CPU';
        } else if (row.state?.startsWith('idle in transaction')) what = 'idle in transaction';
        else continue; // idle sessions are the pool's spare connections
        tally.set(what, (tally.get(what) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<ActivityProfile> {
      running = false;
      await loop.catch(() => {});
      const total = [...tally.values()].reduce((s, v) => s + v, 0) || 1;
      const shares = Object.fromEntries(
        [...tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / total, 3)]),
      );
      return { samples, shares, mean_active_sessions: round(activeTotal / Math.max(1, samples), 2) };
    },
  };
}

export interface DatabaseCounters {
  /** Cluster-wide (pg_stat_wal): other databases' work is in these too. */
  wal_bytes: number;
  wal_fpi: number;
  wal_sync: number;
  wal_buffers_full: number;
  xact_commit: number;
  xact_rollback: number;
  tup_inserted: number;
  tup_updated: number;
  tup_fetched: number;
  tup_returned: number;
  blks_read: number;
}

export async function databaseCounters(pool: pg.Pool, name: string): Promise<DatabaseCounters> {
  // The statistics of this backend's own transaction are a snapshot: clear it to read fresh numbers.
  await pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await pool.query(
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_fetched, tup_returned, blks_read
       FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  const wal = await pool.query('SELECT wal_bytes, wal_fpi, wal_sync, wal_buffers_full FROM pg_stat_wal');
  const row = { ...(wal.rows[0] ?? {}), ...(rows[0] ?? {}) };
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, Number(v)]),
  ) as unknown as DatabaseCounters;
}

export function countersPerEvent(
  before: DatabaseCounters,
  after: DatabaseCounters,
  events: number,
): Record<string, number> {
  return Object.fromEntries(
    (Object.keys(after) as Array<keyof DatabaseCounters>).map((k) => [
      k,
      round((after[k] - before[k]) / events, 2),
    ]),
  );
}
