import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { type ProcessProbes, startProcessProbes } from './process-probes.ts';

const logger = createLogger('silent');
let probes: ProcessProbes | undefined;
afterEach(async () => {
  await probes?.close();
  probes = undefined;
});

async function get(path: string, method = 'GET') {
  const res = await fetch(`${probes!.url}${path}`, { method });
  return { status: res.status, body: method === 'HEAD' ? null : await res.json() };
}

describe('the probes of a process without an API', () => {
  it('are alive at once, ready only once the role runs and every check holds, and not ready while stopping', async () => {
    probes = await startProcessProbes({ port: 0, logger });
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true, state: 'starting' } });
    expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, state: 'starting' } });

    let workers = true;
    probes.ready({ postgres: () => true, redis: async () => true, workers: () => workers });
    expect(await get('/readyz')).toEqual({
      status: 200,
      body: { ready: true, state: 'running', checks: { postgres: true, redis: true, workers: true } },
    });
    workers = false;
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { ready: false, checks: { workers: false } },
    });

    probes.stopping();
    expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, state: 'stopping' } });
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true, state: 'stopping' } });
  });

  it('count a check that throws or hangs as failed, within the check timeout', async () => {
    probes = await startProcessProbes({ port: 0, logger, checkTimeoutMs: 200 });
    probes.ready({
      postgres: () => new Promise<boolean>(() => {}),
      redis: () => Promise.reject(new Error('Connection is closed.')),
      bot: () => {
        throw new Error('not yet');
      },
    });
    const started = Date.now();
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { ready: false, checks: { postgres: false, redis: false, bot: false } },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answer HEAD, refuse other methods and paths', async () => {
    probes = await startProcessProbes({ port: 0, logger });
    expect((await get('/healthz', 'HEAD')).status).toBe(200);
    expect((await get('/healthz', 'POST')).status).toBe(405);
    expect((await get('/metrics')).status).toBe(404);
  });

  it('serve the process metrics when given them, with its readiness as /readyz answers it', async () => {
    const metrics = createProcessMetrics({ process: 'worker' });
    probes = await startProcessProbes({ port: 0, logger, metrics });
    const scrape = async () => {
      const res = await fetch(`${probes!.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    expect(await scrape()).toMatch(/^tandem_process_ready\{process="worker"\} 0$/m);
    let redis = true;
    probes.ready({ postgres: () => true, redis: () => redis });
    expect(await scrape()).toMatch(/^tandem_process_ready\{process="worker"\} 1$/m);
    redis = false;
    expect(await scrape()).toMatch(/^tandem_process_ready\{process="worker"\} 0$/m);
    redis = true;
    probes.stopping();
    expect(await scrape()).toMatch(/^tandem_process_ready\{process="worker"\} 0$/m);
  });

  it('say which setting to change when the port is taken', async () => {
    probes = await startProcessProbes({ port: 0, logger });
    const port = Number(new URL(probes.url).port);
    await expect(startProcessProbes({ port, logger })).rejects.toThrow(
      `HEALTH_PORT ${port} is in use (another Tandem process on this machine?)`,
    );
  });
});
