import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type pg from 'pg';
import { epochMs, round } from './stats.ts';

// Who used the machine's cores during a phase, read from /proc: the development machines are shared,
// so every figure is reported beside what other work took meanwhile.

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
