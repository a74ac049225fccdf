import { describe, expect, it } from 'vitest';
import { createProcessMetrics } from './process-metrics.ts';

describe('a process metrics', () => {
  it('shows when a bot last heard from its platform only once that bot runs', async () => {
    const metrics = createProcessMetrics({ process: 'telegram' });
    // A gauge read as 0 would say "last update in 1970" in a process that runs no bot.
    expect(await metrics.registry.metrics()).not.toMatch(/last_update|last_gateway_event/);

    const before = Date.now() / 1000;
    const updateReceived = metrics.liveness.telegramUpdates();
    const started = await value(metrics, 'tandem_telegram_last_update_timestamp_seconds');
    expect(started).toBeGreaterThanOrEqual(Math.floor(before));
    updateReceived();
    expect(await value(metrics, 'tandem_telegram_last_update_timestamp_seconds')).toBeGreaterThanOrEqual(
      started,
    );
    expect(await metrics.registry.metrics()).not.toMatch(/tandem_discord_last_gateway_event/);
  });

  it('counts live clients across the gateways that report them, until each stops', async () => {
    const metrics = createProcessMetrics({ process: 'api' });
    expect(await metrics.registry.metrics()).not.toMatch(/tandem_live_clients_connected/);
    const stopFirst = metrics.liveness.liveClients(() => 3);
    metrics.liveness.liveClients(() => 2);
    expect(await value(metrics, 'tandem_live_clients_connected')).toBe(5);
    stopFirst();
    expect(await value(metrics, 'tandem_live_clients_connected')).toBe(2);
  });

  it('reads readiness at each scrape, not ready until told how and whenever the source fails', async () => {
    const metrics = createProcessMetrics({ process: 'start' });
    const ready = () => value(metrics, 'tandem_process_ready', { process: 'start' });
    expect(await ready()).toBe(0);
    let answer: boolean | Error = true;
    metrics.readiness.follow(async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
    expect(await ready()).toBe(1);
    answer = new Error('Connection is closed.');
    expect(await ready()).toBe(0);
  });

  it('times an event from its recording to its completion, and counts failures apart', async () => {
    const metrics = createProcessMetrics({ process: 'worker' });
    metrics.events.completed('rank_change', new Date(Date.now() - 3000));
    metrics.events.failed('rank_change');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/tandem_sync_event_latency_seconds_bucket\{le="2.5",type="rank_change"\} 0\n/);
    expect(text).toMatch(/tandem_sync_event_latency_seconds_bucket\{le="5",type="rank_change"\} 1\n/);
    expect(text).toMatch(/tandem_sync_events_processed_total\{type="rank_change",outcome="completed"\} 1\n/);
    expect(text).toMatch(/tandem_sync_events_processed_total\{type="rank_change",outcome="failed"\} 1\n/);
  });
});

async function value(
  metrics: ReturnType<typeof createProcessMetrics>,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  const found = values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  if (!found) throw new Error(`${name} has no series ${JSON.stringify(labels)}`);
  return found.value;
}
