import type pg from 'pg';
import { epochMs, round } from './stats.ts';

// The engine's statements, counted and timed on the client side, and rewritten by the what-if
// experiments on their way to the server.

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
    [/^WITH input AS .*INSERT INTO ledger_entries/, 'record: group of changes (batched)'],
    [/FROM ledger_entries l JOIN sync_events e/, 'record: first outcome (duplicate key)'],
    [/^WITH claimed AS \( SELECT id.* WHERE id = ANY/, 'process: read open events + players (batched)'],
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

/** Rewrites a statement before it is sent (the what-if experiments of bench/shared/experiments.ts). */
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
