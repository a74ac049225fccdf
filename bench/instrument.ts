import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';
import { epochMs, round } from './stats.ts';

/* ---------- statements, counted and timed on the client side ---------- */

export interface StatementStat {
  count: number;
  totalMs: number;
}

export type StatementStats = Map<string, StatementStat>;

const labels = new Map<string, string>();

/** Names the engine's statements; anything else by its first words. (Memoised: texts are constants.) */
export function statementLabel(text: string): string {
  let label = labels.get(text);
  if (label === undefined) {
    label = labelOf(text);
    if (labels.size < 10_000) labels.set(text, label);
  }
  return label;
}

function labelOf(text: string): string {
  const sql = text.replace(/\s+/g, ' ').trim();
  const known: Array<[RegExp, string]> = [
    [/^WITH player AS/, 'record: ledger+totals+event (1 stmt)'],
    [/FROM ledger_entries l JOIN sync_events e/, 'record: first outcome (duplicate key)'],
    [/^WITH claimed AS \( SELECT id/, 'process: read open event + player'],
    [/^WITH claimed AS \( UPDATE/, 'process: claim event + read player (platform queue)'],
    [/^WITH done AS/, 'process: complete event + sync state'],
    [/^WITH input AS \( SELECT \* FROM unnest/, 'process: complete events (batched)'],
    [/^SELECT xp FROM players WHERE id = \$1 FOR UPDATE/, 'rank: lock player'],
    [/^INSERT INTO sync_states \(player_id\) VALUES/, 'rank: upsert sync state'],
    [/^UPDATE sync_states SET last_rank_id/, 'rank: set last rank'],
    [/'rank_change'/, 'rank: insert rank_change event'],
    [/^INSERT INTO player_achievements/, 'achievement: insert unlock'],
    [/'achievement_unlock'/, 'achievement: insert unlock event'],
    [/^UPDATE sync_events SET status = \$2::"SyncStatus"/, 'process: record failure'],
    [/^(RELEASE )?SAVEPOINT|^ROLLBACK TO SAVEPOINT/, 'SAVEPOINT (record inside a transaction)'],
    [/^BEGIN/i, 'BEGIN'],
    [/^COMMIT/i, 'COMMIT'],
    [/^ROLLBACK/i, 'ROLLBACK'],
  ];
  for (const [pattern, label] of known) if (pattern.test(sql)) return label;
  return `other: ${sql.slice(0, 60)}`;
}

/** Rewrites a statement before it is sent (the what-if experiments of bench/experiments.ts). */
export type StatementRewriter = (text: string, args: unknown[]) => unknown[];

/**
 * Counts and times every statement of a pool's clients (wrapping `client.query` of each new client;
 * pool.query goes through it too) and applies `rewrite`, if any. Must be called before the pool opens
 * its first client.
 */
export function instrumentPool(
  pool: pg.Pool,
  options: { stats?: StatementStats; rewrite?: StatementRewriter },
): void {
  const { stats, rewrite } = options;
  pool.on('connect', (client: pg.PoolClient) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...given: unknown[]) => {
      const first = given[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      const args = rewrite ? rewrite(text, given) : given;
      if (!stats) return original(...args);
      const started = epochMs();
      const label = statementLabel(text);
      const settle = () => {
        const stat = stats.get(label) ?? { count: 0, totalMs: 0 };
        stat.count++;
        stat.totalMs += epochMs() - started;
        stats.set(label, stat);
      };
      const last = args.at(-1);
      if (typeof last === 'function') {
        // Callback style: pool.query(text, values) calls client.query(text, values, callback).
        const wrapped = [...args];
        wrapped[wrapped.length - 1] = (...results: unknown[]) => {
          settle();
          return (last as (...r: unknown[]) => unknown)(...results);
        };
        return original(...wrapped);
      }
      const result = original(...args);
      if (result instanceof Promise) result.then(settle, settle);
      return result;
    };
  });
}

export function mergeStats(into: StatementStats, from: Iterable<[string, StatementStat]>): StatementStats {
  for (const [label, stat] of from) {
    const current = into.get(label) ?? { count: 0, totalMs: 0 };
    current.count += stat.count;
    current.totalMs += stat.totalMs;
    into.set(label, current);
  }
  return into;
}

export interface StatementRow {
  statement: string;
  count: number;
  per_event: number;
  mean_ms: number;
  total_s: number;
}

export function statementTable(stats: StatementStats, events: number): StatementRow[] {
  return [...stats]
    .map(([statement, s]) => ({
      statement,
      count: s.count,
      per_event: round(s.count / events, 3),
      mean_ms: round(s.totalMs / Math.max(1, s.count), 2),
      total_s: round(s.totalMs / 1000, 1),
    }))
    .sort((a, b) => b.total_s - a.total_s);
}

/* ---------- what the database's sessions are doing, sampled ---------- */

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

/* ---------- CPU: who used the machine's cores ---------- */

const ticksPerSecond = 100;

interface ProcSnapshot {
  at: number;
  /** pid -> [comm, cpu ticks] */
  procs: Map<number, [string, number]>;
  /** whole machine: busy and total jiffies */
  busy: number;
  total: number;
  /** /proc/stat's first line: user nice system idle iowait irq softirq steal */
  fields: number[];
}

export function cpuSnapshot(): ProcSnapshot {
  const procs = new Map<number, [string, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      procs.set(Number(entry), [comm, Number(fields[11]) + Number(fields[12])]);
    } catch {
      // the process ended while we looked
    }
  }
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.reduce((s, v) => s + v, 0);
  return { at: epochMs(), procs, busy: total - idle, total, fields: line };
}

export interface CpuProfile {
  cores: number;
  machine_busy_pct: number;
  /** Where the machine's time went, in % of all cores (kernel softirq is network/loopback work). */
  machine_pct: Record<string, number>;
  /** Cores used on average by each group (1.0 = one core fully busy). */
  cores_used: Record<string, number>;
}

/** CPU used between two snapshots, grouped: our node processes, postgres, redis, everything else. */
/** Which postgres processes serve the bench's database and which serve others (other sessions' tests). */
export async function postgresPids(
  pool: pg.Pool,
  database: string,
): Promise<{ bench: Set<number>; other: Set<number> }> {
  const { rows } = await pool.query<{ pid: number; datname: string | null }>(
    'SELECT pid, datname FROM pg_stat_activity WHERE datname IS NOT NULL',
  );
  const bench = new Set<number>();
  const other = new Set<number>();
  for (const row of rows) (row.datname === database ? bench : other).add(row.pid);
  return { bench, other };
}

/**
 * CPU used between two snapshots, grouped: our node processes, the bench database's backends, other
 * databases' backends, postgres's shared processes (WAL writer, checkpointer), redis, the rest.
 * `untracked` is machine time no live process accounts for (processes that ended meanwhile).
 */
export function cpuBetween(
  start: ProcSnapshot,
  end: ProcSnapshot,
  ourPids: ReadonlySet<number>,
  pgPids: { bench: ReadonlySet<number>; other: ReadonlySet<number> } = { bench: new Set(), other: new Set() },
): CpuProfile {
  const seconds = (end.at - start.at) / 1000;
  const groups = new Map<string, number>();
  for (const [pid, [comm, ticks]] of end.procs) {
    const before = start.procs.get(pid)?.[1] ?? 0;
    const used = Math.max(0, ticks - before);
    if (used === 0) continue;
    let group: string;
    if (ourPids.has(pid)) group = pid === process.pid ? 'node (bench process)' : 'node (worker process)';
    else if (comm === 'postgres')
      group = pgPids.bench.has(pid)
        ? 'postgres (bench database)'
        : pgPids.other.has(pid)
          ? 'postgres (other databases)'
          : 'postgres (shared processes)';
    else if (comm.startsWith('redis-server')) group = 'redis';
    else group = 'other processes';
    groups.set(group, (groups.get(group) ?? 0) + used);
  }
  const cores = cpus().length;
  const span = Math.max(1, end.total - start.total);
  const names = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'];
  const machinePct = Object.fromEntries(
    names.map((name, i) => [name, round((((end.fields[i] ?? 0) - (start.fields[i] ?? 0)) / span) * 100, 1)]),
  );
  const busyCores = ((end.busy - start.busy) / span) * cores;
  const tracked = [...groups.values()].reduce((s, t) => s + t, 0) / ticksPerSecond / seconds;
  if (busyCores - tracked > 0.05)
    groups.set('untracked (ended processes)', (busyCores - tracked) * ticksPerSecond * seconds);
  return {
    cores,
    machine_busy_pct: round(((end.busy - start.busy) / span) * 100, 1),
    machine_pct: machinePct,
    cores_used: Object.fromEntries(
      [...groups]
        .sort((a, b) => b[1] - a[1])
        .map(([g, ticks]) => [g, round(ticks / ticksPerSecond / seconds, 2)]),
    ),
  };
}

/** Cores busy with work that is not the bench's (other databases, other processes, ended ones). */
export function backgroundCores(cpu: CpuProfile): number {
  const ours = [
    'node (bench process)',
    'node (worker process)',
    'postgres (bench database)',
    'postgres (shared processes)',
    'redis',
  ];
  return round(
    Object.entries(cpu.cores_used)
      .filter(([g]) => !ours.includes(g))
      .reduce((s, [, v]) => s + v, 0),
    2,
  );
}

/* ---------- the database's own counters ---------- */

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

/**
 * CPU milliseconds per event by our process groups, and the events/s those would allow if they had
 * every core to themselves: a figure other sessions' load disturbs far less than events/s.
 */
export function cpuPerEvent(
  cpu: CpuProfile,
  seconds: number,
  events: number,
): {
  ms_per_event: Record<string, number>;
  total_ms_per_event: number;
  cpu_bound_ceiling_events_per_s: number;
} {
  const ours: Record<string, string> = {
    'postgres (bench database)': 'postgres',
    'postgres (shared processes)': 'postgres',
    'node (bench process)': 'node',
    'node (worker process)': 'node',
    redis: 'redis',
  };
  const ms: Record<string, number> = {};
  for (const [group, cores] of Object.entries(cpu.cores_used)) {
    const name = ours[group];
    if (!name) continue;
    ms[name] = (ms[name] ?? 0) + (cores * seconds * 1000) / events;
  }
  const total = Object.values(ms).reduce((s, v) => s + v, 0);
  return {
    ms_per_event: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v, 2)])),
    total_ms_per_event: round(total, 2),
    cpu_bound_ceiling_events_per_s: total > 0 ? round((cpu.cores * 1000) / total) : 0,
  };
}
