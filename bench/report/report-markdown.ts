import { type BenchReport, hostName, targets } from './bench-report.ts';

const n = (v: number) => v.toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

export function renderMarkdown(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`# Tandem benchmark${r.quick ? ' (quick)' : ''}`);
  lines.push('');
  if (r.what_if) {
    lines.push(
      `**What-if run** (not the engine as it is): experiments ${r.what_if.experiments.join(', ') || 'none'}, ` +
        `synchronous_commit ${r.what_if.sync_commit}, ${r.what_if.history} ledger rows of history per player` +
        (r.what_if.live_interval_ms === undefined
          ? '.'
          : `, live gateway window ${r.what_if.live_interval_ms} ms.`),
    );
    lines.push('');
  }
  lines.push(
    `${r.date.slice(0, 16).replace('T', ' ')} UTC: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memory_gb} GB, ` +
      `Node ${r.machine.node}, ${r.machine.postgres}, Redis ${r.machine.redis}; load average at start ` +
      `${r.machine.load_avg_at_start.join(' / ')}, CPU busy before start ${r.machine.background_busy_pct}%.`,
  );
  const h = r.throughput[0]!;
  lines.push(
    `${n(r.events)} events over ${n(r.players)} players (${n(h.correctness.duplicate_keys)} keys submitted three times), ` +
      `${h.config.producers} records in flight, economy worker concurrency ${h.config.concurrency}, ` +
      `pg pool ${h.config.poolSize} per process. Headline mode: ${hostName(r.headline_mode, h.config.processes)}.`,
  );
  lines.push('');
  lines.push('| Metric | Value | Target | |');
  lines.push('|---|---:|---:|---|');
  lines.push(`| Raw BullMQ no-op jobs/s (anchor) | ${n(r.raw_bullmq_jobs_per_s)} | | |`);
  for (const t of r.throughput) {
    const head = t === h;
    lines.push(
      `| Pipeline events/s, ${hostName(t.mode, t.config.processes, t.config.path)}${head ? ' (headline)' : ''}; others' work ${t.background_cores} cores | ${n(t.events_per_s)} | ≥ ${n(targets.pipeline_events_per_s)} | ${head ? mark(t.events_per_s >= targets.pipeline_events_per_s) : ''} |`,
    );
  }
  lines.push(`| Ratio pipeline / raw BullMQ | ${r.ratio} | | |`);
  lines.push(
    `| Latency p50 / p95 / p99 at ${r.offered_load_per_s}/s (ms); others' work ${r.latency.background_cores} cores | ${r.latency_ms.p50} / ${r.latency_ms.p95} / ${r.latency_ms.p99} | p99 ≤ ${targets.latency_p99_ms} | ${mark(r.targets_met.latency)} |`,
  );
  lines.push(
    `| Duplicates submitted / applied | ${n(r.duplicates_submitted)} / ${r.duplicates_applied} | 0 applied | ${mark(r.duplicates_applied === 0)} |`,
  );
  lines.push(
    `| Ledger consistent | ${r.ledger_consistent ? 'yes' : 'NO'} | yes | ${mark(r.ledger_consistent)} |`,
  );
  lines.push(`| Events failed | ${r.events_failed} | 0 | ${mark(r.events_failed === 0)} |`);
  lines.push('');
  const l = r.latency;
  lines.push(
    `Latency breakdown at ${l.offered_load_per_s}/s (p50 / p99 ms): record ${l.breakdown_ms.record.p50} / ${l.breakdown_ms.record.p99}, ` +
      `queue wait ${l.breakdown_ms.queue_wait.p50} / ${l.breakdown_ms.queue_wait.p99}, processing ` +
      `${l.breakdown_ms.processing.p50} / ${l.breakdown_ms.processing.p99}; max ${l.latency_ms.max} ms; ` +
      `others' work meanwhile: ${l.background_cores} cores.`,
  );
  for (const t of r.throughput) {
    const cores = Object.entries(t.cpu.cores_used)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `${hostName(t.mode, t.config.processes, t.config.path)}: ${t.seconds} s, records ${n(t.record_calls_per_s)} calls/s, ` +
        `${n(t.derived_jobs_completed)} derived jobs; cores used: ${cores} (others' work: ${t.background_cores} cores). ` +
        `CPU per event: ${Object.entries(t.cpu_per_event.ms_per_event)
          .map(([k, v]) => `${k} ${v} ms`)
          .join(', ')}, ${t.cpu_per_event.total_ms_per_event} ms in all: at most ` +
        `${n(t.cpu_per_event.cpu_bound_ceiling_events_per_s)} events/s on ${t.cpu.cores} cores if nothing else ran.`,
    );
  }
  if (r.worker_processes.length > 1) {
    lines.push('');
    lines.push(
      `Worker processes (each with economy concurrency ${h.config.concurrency} and a pg pool of ${h.config.poolSize}), ` +
        `same workload, raw BullMQ anchor ${n(r.raw_bullmq_jobs_per_s)} jobs/s: ` +
        r.worker_processes
          .map(
            (w) =>
              `${w.processes} → ${n(w.events_per_s)} events/s (×${w.speedup}${w.correct ? '' : ', NOT correct'})`,
          )
          .join(', ') +
        '.',
    );
  }
  const p = h.profile;
  if (p) {
    lines.push('');
    lines.push(
      `Statements per event (${hostName(h.mode, h.config.processes)}): ${p.statements_per_event}; Postgres commits per event ` +
        `${p.db_per_event.xact_commit}. Database sessions, share of samples: ` +
        Object.entries(p.activity.shares)
          .slice(0, 5)
          .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
          .join(', ') +
        '.',
    );
    lines.push('');
    lines.push('| Statement | per event | mean ms | total s |');
    lines.push('|---|---:|---:|---:|');
    for (const s of p.statements.slice(0, 10))
      lines.push(`| ${s.statement} | ${s.per_event} | ${s.mean_ms} | ${s.total_s} |`);
  }
  if (r.statement_costs.length > 0) {
    const variants = [...new Set(r.statement_costs.map((c) => c.variant))];
    const steps = [...new Set(r.statement_costs.map((c) => c.step))];
    lines.push('');
    lines.push('Each step alone, one connection, serial calls: Postgres CPU ms / wall ms per call.');
    lines.push('');
    lines.push(`| Step | ${variants.join(' | ')} |`);
    lines.push(`|---|${variants.map(() => '---:').join('|')}|`);
    for (const step of steps) {
      const cells = variants.map((v) => {
        const c = r.statement_costs.find((x) => x.step === step && x.variant === v);
        return c ? `${c.postgres_cpu_ms} / ${c.wall_ms}` : '';
      });
      lines.push(`| ${step} | ${cells.join(' | ')} |`);
    }
  }
  if (r.sweep.length > 0) {
    lines.push('');
    lines.push(`Sweep (${n(r.sweep[0]?.events ?? 0)} events each):`);
    lines.push('');
    lines.push("| Mode | Worker concurrency | Pool | Events/s | Correct | Others' work (cores) |");
    lines.push('|---|---:|---:|---:|---|---:|');
    for (const s of r.sweep)
      lines.push(
        `| ${s.mode} | ${s.concurrency} | ${s.pool} | ${n(s.events_per_s)} | ${s.ok ? 'yes' : 'NO'} | ${s.background_cores} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}
