import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AdminApiDeps } from '../../src/admin-api/deps.ts';
import { createApiMetrics } from '../../src/admin-api/ops/api-metrics.ts';
import { alertConditions } from '../../src/alerts/conditions.ts';
import { observeWorkers } from '../../src/metrics/job-metrics.ts';
import { createProcessMetrics } from '../../src/metrics/process-metrics.ts';
import { metricNamesIn } from './promql-names.ts';

// What Tandem ships for Prometheus and Grafana (deploy/monitoring) cannot drift from what its
// processes export: the rules are checked and unit-tested with promtool, and every metric the rules
// and the dashboard read must be one a Tandem process really serves.

const folder = 'deploy/monitoring';
const rulesFile = `${folder}/prometheus/tandem.rules.yml`;
const scratch = mkdtempSync(path.join(tmpdir(), 'tandem-monitoring-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error('promtool is not installed: apt-get install prometheus (it ships promtool)');
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = (parse(readFileSync(rulesFile, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap(
  (g) => g.rules,
);
const alerts = rules.filter((r) => r.alert);

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: Array<{ expr: string; refId: string }>;
}
const dashboard = JSON.parse(readFileSync(`${folder}/grafana/dashboards/tandem.json`, 'utf8')) as {
  uid: string;
  panels: Panel[];
};
const graphs = dashboard.panels.filter((p) => p.type !== 'row');
/** Grafana's variables, as Prometheus would get them. */
const asPromQL = (expr: string) => expr.replaceAll('$__rate_interval', '5m');

/** Every series name a Tandem process serves, from the registries its processes build. */
function exportedNames(): Set<string> {
  const metrics = createProcessMetrics({ process: 'start', nodeMetrics: true });
  // Registered once their process runs them: a bot, the live gateway, workers, the API's readers.
  metrics.liveness.telegramUpdates();
  metrics.liveness.discordGatewayEvents();
  metrics.liveness.liveClients(() => 0);
  observeWorkers({ workers: [] }, metrics.registry);
  createApiMetrics(metrics, {} as AdminApiDeps);
  const suffixes: Record<string, string[]> = {
    histogram: ['_bucket', '_sum', '_count'],
    summary: ['', '_sum', '_count'],
  };
  return new Set(
    metrics.registry
      .getMetricsAsArray()
      .flatMap((m) => (suffixes[String(m.type)] ?? ['']).map((suffix) => `${m.name}${suffix}`)),
  );
}
const exported = exportedNames();
/** Prometheus's own, and the series the rules record. */
const known = new Set([...exported, 'up', ...rules.flatMap((r) => (r.record ? [r.record] : []))]);

describe('reading series names out of PromQL', () => {
  it('finds the series, not functions, labels, keywords, durations or numbers', () => {
    const expr =
      'histogram_quantile(0.95, sum by (le, queue) (rate(a_bucket{x="y",le!="1"}[5m]))) / b:rec offset 1d > 1e3 and on () up';
    expect(metricNamesIn(expr).sort()).toEqual(['a_bucket', 'b:rec', 'up']);
  });
});

describe('the alert rules', () => {
  it('pass promtool check rules', () => {
    const { status, output } = promtool('check', 'rules', rulesFile);
    expect(output).toMatch(/SUCCESS/);
    expect(status, output).toBe(0);
  });

  it('pass their promtool unit tests: each alert firing, and not firing where it must not', () => {
    const { status, output } = promtool('test', 'rules', `${folder}/prometheus/tandem.rules.test.yml`);
    expect(status, output).toBe(0);
    const tests = readFileSync(`${folder}/prometheus/tandem.rules.test.yml`, 'utf8');
    for (const { alert } of alerts) {
      expect(tests, `${alert} fires in a test`).toMatch(
        new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- `),
      );
      expect(tests, `${alert} stays quiet in a test`).toMatch(
        new RegExp(`alertname: ${alert}\\n\\s+exp_alerts: \\[\\]`),
      );
    }
  });

  it('read only metrics Tandem exports', () => {
    for (const rule of rules)
      for (const name of metricNamesIn(rule.expr))
        expect(known, `${rule.alert ?? rule.record}: ${name}`).toContain(name);
  });

  it('use the thresholds and durations of src/alerts/conditions.ts, one rule per condition', () => {
    expect(alerts.map((a) => a.alert).sort()).toEqual(Object.keys(alertConditions).sort());
    for (const rule of alerts) {
      const { forSeconds, ...thresholds } = alertConditions[rule.alert as keyof typeof alertConditions] as {
        forSeconds?: number;
      } & Record<string, number>;
      expect(rule.for, rule.alert).toBe(forSeconds === undefined ? undefined : `${forSeconds / 60}m`);
      for (const [name, value] of Object.entries(thresholds))
        expect(rule.expr, `${rule.alert}: ${name}`).toMatch(
          new RegExp(`>=? ${value.toString().replace('.', '\\.')}(\\s|$)`),
        );
    }
  });

  it('tell an operator what is wrong and link to a runbook section that says what to do', () => {
    const runbook = readFileSync('docs/operations/alerts.md', 'utf8');
    for (const rule of alerts) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description?.length, rule.alert).toBeGreaterThan(60);
      expect(rule.annotations?.runbook_url, rule.alert).toBe(
        `docs/operations/alerts.md#${rule.alert!.toLowerCase()}`,
      );
      const section = runbook.split(/^## /m).find((s) => s.startsWith(`${rule.alert}\n`));
      expect(section, `a "## ${rule.alert}" section`).toBeDefined();
      for (const part of ['**What it means.**', '**How to check.**', '**What to do.**'])
        expect(section, `${rule.alert}: ${part}`).toContain(part);
    }
  });
});

describe('the Grafana dashboard', () => {
  it('has panels with unique ids, each reading Prometheus through the provisioned data source', () => {
    const datasources = parse(
      readFileSync(`${folder}/grafana/provisioning/datasources/prometheus.yml`, 'utf8'),
    ) as {
      datasources: Array<{ uid: string; type: string }>;
    };
    const uid = datasources.datasources.find((d) => d.type === 'prometheus')?.uid;
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(graphs.length).toBeGreaterThan(10);
    for (const panel of graphs) {
      expect(panel.datasource?.uid, panel.title).toBe(uid);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('covers the pipeline, the queues, the platforms, reconcile and the live path', () => {
    const rows = dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title.toLowerCase());
    for (const topic of ['pipeline', 'queues', 'platforms', 'reconcile', 'live path'])
      expect(
        rows.some((title) => title.includes(topic)),
        topic,
      ).toBe(true);
  });

  it('queries only metrics Tandem exports, in PromQL that Prometheus accepts', () => {
    const expressions = graphs.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
    );
    for (const { panel, expr } of expressions)
      for (const name of metricNamesIn(expr)) expect(known, `${panel}: ${name}`).toContain(name);
    // promtool parses recording rules' expressions: one rule per query checks their syntax.
    const file = path.join(scratch, 'dashboard-queries.yml');
    const queries = expressions.map(({ expr }, i) => ({
      record: `dashboard:query_${i}`,
      expr: asPromQL(expr),
    }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules: queries }] }));
    const { status, output } = promtool('check', 'rules', file);
    expect(status, output).toBe(0);
  });
});

describe('the Prometheus configuration', () => {
  it('passes promtool check config and loads the rules', () => {
    const config = readFileSync(`${folder}/prometheus/prometheus.yml`, 'utf8');
    expect(config).toContain('/etc/prometheus/tandem.rules.yml');
    const file = path.join(scratch, 'prometheus.yml');
    writeFileSync(file, config.replace('/etc/prometheus/tandem.rules.yml', path.resolve(rulesFile)));
    const { status, output } = promtool('check', 'config', file);
    expect(status, output).toBe(0);
  });
});
