import { appendFileSync, existsSync } from 'node:fs';
import type { LivePathResult } from './live-path.ts';

const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
const n = (v: number) => v.toLocaleString('en-US');

/** One line for the run's log. */
export function livePathSummary(r: LivePathResult): string {
  return (
    `live path: ${r.clients} pages, ${r.changes} changes at ${r.rate_per_s}/s: p50 ${r.latency_ms.p50} ` +
    `p99 ${r.latency_ms.p99} max ${r.latency_ms.max} ms (target p99 < ${r.target_p99_ms}: ` +
    `${r.target_met ? 'met' : 'not met'}); ${n(r.deliveries)} of ${n(r.deliveries_expected)} delivered`
  );
}

/** The phase's section of the Markdown report ('' when it did not run). */
export function renderLivePathMarkdown(r: LivePathResult | null): string {
  if (!r) return '';
  const triple = (p: { p50: number; p95: number; p99: number }) => `${p.p50} / ${p.p95} / ${p.p99}`;
  const cores = Object.entries(r.cores_used)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${[
    '',
    `## Live path: ${r.clients} signed-in admin pages`,
    '',
    `The admin API as \`npm run api\` serves it (socket.io with the Redis adapter, gateway window ` +
      `${r.gateway_interval_ms} ms), ${r.clients} socket.io clients in a process of their own (${r.sessions}; ` +
      `${r.connected} connected, ${r.on_websocket} on websocket, in ${r.connect_seconds} s). ${r.changes} entity ` +
      `changes published through \`changes.publish\` at ${r.rate_per_s}/s; each page's delay from the publish ` +
      'to the `changes` message that holds it.',
    '',
    '| Metric | p50 / p95 / p99 (ms) | max (ms) | Target | |',
    '|---|---:|---:|---:|---|',
    `| Publish -> received by the page | ${triple(r.latency_ms)} | ${r.latency_ms.max} | p99 < ${r.target_p99_ms} | ${mark(r.target_met)} |`,
    `| Publish -> the gateway sends its batch | ${triple(r.breakdown_ms.gateway_batching)} | ${r.breakdown_ms.gateway_batching.max} | | |`,
    `| The gateway sends -> received (fan-out) | ${triple(r.breakdown_ms.fan_out)} | ${r.breakdown_ms.fan_out.max} | | |`,
    `| Deliveries (pages x changes) | ${n(r.deliveries)} of ${n(r.deliveries_expected)} | | all | ${mark(r.deliveries === r.deliveries_expected)} |`,
    '',
    `${n(r.messages)} messages in all, ${r.deliveries_as_many} deliveries as a \`many\` line, ${r.disconnects} ` +
      `disconnections; publish lag p99 ${r.publish_lag_ms.p99} ms. Cores used: ${cores} (others' work: ` +
      `${r.background_cores} cores). ${r.seconds} s in all.`,
  ].join('\n')}\n`;
}

/** Adds the section to the Markdown report `writeReport` wrote (not to a what-if run's placeholder). */
export function appendLivePathMarkdown(markdownPath: string, r: LivePathResult | null): void {
  if (!r || !markdownPath.endsWith('.md') || !existsSync(markdownPath)) return;
  appendFileSync(markdownPath, renderLivePathMarkdown(r));
}
