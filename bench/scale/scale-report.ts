import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Machine } from '../report/bench-report.ts';
import { round } from '../shared/stats.ts';
import type { InvariantReport } from './scale-invariants.ts';
import type { QueryTiming } from './scale-measure.ts';

/** The issue's targets on this machine. */
export const scaleTargets = { interactive_ms: 300, periodic_ms: 10_000, growth: 1.5 };

/** One size of history: what was seeded, how long it took, and what each query took on it. */
export interface ScaleSize {
  ledger_rows: number;
  sync_events: number;
  audit_rows: number;
  seed_seconds: number;
  disk_bytes: number;
  invariants: InvariantReport;
  timings: QueryTiming[];
}

/** One query's figures: exactly these fields, the report's contract. */
export interface ScaleQueryRow {
  name: string;
  kind: 'interactive' | 'periodic';
  /** One figure per size, smallest first; null where the query failed. */
  ms: Array<number | null>;
}

/** How a query fares against the targets, by name (beside `queries`, which keeps its contract). */
export interface ScaleVerdict {
  name: string;
  /** Largest size over smallest; null where a figure is missing. */
  growth: number | null;
  meets_target: boolean;
  errors?: string[];
}

export interface ScaleReport {
  ledger_rows: number[];
  players: number;
  queries: ScaleQueryRow[];
  verdicts: ScaleVerdict[];
  sync_events: number[];
  audit_rows: number[];
  seed_seconds: number[];
  disk_bytes: number[];
  runs: { interactive: number; periodic: number };
  targets: typeof scaleTargets;
  targets_met: boolean;
  machine: Machine;
  seconds_total: number;
}

export function buildScaleReport(input: {
  players: number;
  sizes: ScaleSize[];
  runs: ScaleReport['runs'];
  machine: Machine;
  secondsTotal: number;
}): ScaleReport {
  const { sizes } = input;
  const names = sizes[0]?.timings.map((t) => t.name) ?? [];
  const judged = names.map((name): ScaleQueryRow & ScaleVerdict => {
    const timings = sizes.map((size) => size.timings.find((t) => t.name === name));
    const ms = timings.map((t) => t?.ms ?? null);
    const kind = timings[0]!.kind;
    const first = ms[0];
    const last = ms.at(-1);
    // Below a millisecond or two, a ratio measures noise: growth is judged on at least 1 ms.
    const growth =
      first != null && last != null && ms.length > 1
        ? round(Math.max(last, 1) / Math.max(first, 1), 2)
        : null;
    const limit = kind === 'interactive' ? scaleTargets.interactive_ms : scaleTargets.periodic_ms;
    const errors = timings.flatMap((t) => (t?.error ? [t.error] : []));
    return {
      name,
      kind,
      ms,
      growth,
      meets_target: last != null && last <= limit && (growth === null || growth <= scaleTargets.growth),
      ...(errors.length > 0 ? { errors } : {}),
    };
  });
  return {
    ledger_rows: sizes.map((s) => s.ledger_rows),
    players: input.players,
    queries: judged.map(({ name, kind, ms }) => ({ name, kind, ms })),
    verdicts: judged.map(({ name, growth, meets_target, errors }) => ({
      name,
      growth,
      meets_target,
      ...(errors ? { errors } : {}),
    })),
    sync_events: sizes.map((s) => s.sync_events),
    audit_rows: sizes.map((s) => s.audit_rows),
    seed_seconds: sizes.map((s) => s.seed_seconds),
    disk_bytes: sizes.map((s) => s.disk_bytes),
    runs: input.runs,
    targets: scaleTargets,
    targets_met: judged.every((q) => q.meets_target),
    machine: input.machine,
    seconds_total: round(input.secondsTotal),
  };
}

const millions = (n: number) =>
  n >= 1e6 ? `${round(n / 1e6, 1)}M` : n >= 1e3 ? `${round(n / 1e3, 1)}k` : `${n}`;

export function renderScaleMarkdown(report: ScaleReport): string {
  const sizes = report.ledger_rows.map(millions);
  const verdictOf = new Map(report.verdicts.map((v) => [v.name, v]));
  const rows = report.queries.map((q) => ({ ...q, ...verdictOf.get(q.name)! }));
  const gb = (bytes: number) => `${round(bytes / 2 ** 30, 1)} GB`;
  const lines = [
    '# Scale: query times against the size of the history',
    '',
    `${report.players.toLocaleString('en')} players; ledger rows ${report.ledger_rows.map((n) => n.toLocaleString('en')).join(' → ')}; ` +
      `sync events ${report.sync_events.map((n) => n.toLocaleString('en')).join(' → ')}; ` +
      `audit rows ${report.audit_rows.map((n) => n.toLocaleString('en')).join(' → ')}.`,
    `Seeded in ${report.seed_seconds.map((s) => `${round(s)} s`).join(' + ')}; database on disk ${report.disk_bytes.map(gb).join(' → ')}. ` +
      `Median of ${report.runs.interactive} runs (interactive) or ${report.runs.periodic} (periodic), after one warm-up run.`,
    `Machine: ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memory_gb} GB, ${report.machine.postgres}, ` +
      `load average at start ${report.machine.load_avg_at_start.join(' ')} (shared with other work: figures are noisy).`,
    `Targets: interactive ≤ ${scaleTargets.interactive_ms} ms at ${sizes.at(-1)}, periodic ≤ ${scaleTargets.periodic_ms / 1000} s, ` +
      `growth ≤ ${scaleTargets.growth}× from ${sizes[0]} to ${sizes.at(-1)}. ` +
      `**${rows.filter((q) => q.meets_target).length} of ${rows.length} queries meet them.**`,
    '',
    `| query | kind | ${sizes.map((s) => `${s} rows (ms)`).join(' | ')} | growth | meets targets |`,
    `|---|---|${sizes.map(() => '---:').join('|')}|---:|---|`,
    ...rows.map(
      (q) =>
        `| ${q.name} | ${q.kind} | ${q.ms.map((ms) => (ms === null ? 'failed' : String(ms))).join(' | ')} | ` +
        `${q.growth === null ? '–' : `${q.growth}×`} | ${q.meets_target ? 'yes' : '**no**'} |`,
    ),
  ];
  const failures = rows.filter((q) => q.errors);
  if (failures.length > 0) {
    lines.push('', 'Failed queries:', ...failures.map((q) => `- ${q.name}: ${q.errors!.join('; ')}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes bench/results/scale.json and scale.md; returns their paths. */
export function writeScaleReport(report: ScaleReport): { json: string; markdown: string } {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const json = `${dir}scale.json`;
  const markdown = `${dir}scale.md`;
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderScaleMarkdown(report));
  return { json, markdown };
}
