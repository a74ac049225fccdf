import { appendFileSync, existsSync } from 'node:fs';
import type { BenchReport } from '../report/bench-report.ts';
import type { RankLatencyResult } from './rank-latency.ts';

/** The bench report with the rank-latency phase (null when skipped with `--rank-latency=0`). */
export type BenchReportWithRankLatency = BenchReport & { rank_latency: RankLatencyResult | null };

export function withRankLatency(
  report: BenchReport,
  result: RankLatencyResult | null,
): BenchReportWithRankLatency {
  return { ...report, rank_latency: result };
}

const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
const triple = (p: { p50: number; p95: number; p99: number }) => `${p.p50} / ${p.p95} / ${p.p99}`;

/** The phase's section of the Markdown report ('' when it did not run). */
export function renderRankLatencyMarkdown(r: RankLatencyResult | null): string {
  if (!r) return '';
  const lines: string[] = [];
  lines.push('');
  lines.push('## Rank-up on Telegram -> Discord rank role (sandbox)');
  lines.push('');
  lines.push(
    `The sandbox as \`npm start\` runs it with no bot token: both emulators at their default latency ` +
      `(${r.settings.emulator_latency_ms.telegram} ms) and rate limits, the real bots, \`startWorkerRole\` with ` +
      `the default settings (worker concurrency ${r.settings.worker_concurrency}, platform limiter ` +
      `${r.settings.platform_per_second}/s, pg pool ${r.settings.database_pool}). ${r.samples} rank-ups after ` +
      `${r.warmup_samples} unmeasured ones, one at a time: a new linked player at 450 XP sends \`/daily\` ` +
      '(+100 XP, Newcomer -> Rookie) on Telegram; measured until the emulator adds the Silver role to the ' +
      `member. Others' work meanwhile: ${r.background_cores} cores.`,
  );
  lines.push('');
  lines.push('| Metric | p50 / p95 / p99 (ms) | max (ms) | Target | |');
  lines.push('|---|---:|---:|---:|---|');
  lines.push(
    `| \`/daily\` -> Silver role on Discord | ${triple(r.role_ms)} | ${r.role_ms.max} | p99 < ${r.target_p99_ms} | ${mark(r.target_met)} |`,
  );
  lines.push(
    `| \`/daily\` -> the bot's answer on Telegram | ${triple(r.reply_ms)} | ${r.reply_ms.max} | | |`,
  );
  lines.push(
    `| \`/daily\` -> recorded (the daily's SyncEvent) | ${triple(r.breakdown_ms.recorded)} | ${r.breakdown_ms.recorded.max} | | |`,
  );
  lines.push(
    `| \`/daily\` -> rank change derived | ${triple(r.breakdown_ms.rank_derived)} | ${r.breakdown_ms.rank_derived.max} | | |`,
  );
  lines.push(
    `| Samples failed (no role, no answer, wrong roles) | ${r.failures} | | 0 | ${mark(r.failures === 0)} |`,
  );
  lines.push('');
  lines.push(
    `Discord 429s inside measured samples: ${r.rate_limited_in_samples} (${r.rate_limited_total} in the whole phase); ` +
      `${r.member_edits_per_sample} member edits per sample against a bucket of 10 per 10 s, so samples waited ` +
      `${round1(r.paced_ms / 1000)} s in all for it to have room. ${r.seconds} s in all; ${r.warnings_logged} warnings logged.`,
  );
  if (r.first_failures.length > 0) lines.push('', ...r.first_failures.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Adds the section to a Markdown report `writeReport` wrote (not to a what-if run's placeholder). */
export function appendRankLatencyMarkdown(markdownPath: string, r: RankLatencyResult | null): void {
  if (!r || !markdownPath.endsWith('.md') || !existsSync(markdownPath)) return;
  appendFileSync(markdownPath, renderRankLatencyMarkdown(r));
}
