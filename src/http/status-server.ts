import { createServer, type Server } from 'node:http';
import type { Services } from '../runtime/services.ts';
import { syncStats } from '../sync/stats.ts';

/**
 * Liveness, readiness and a JSON view of sync events and queues (`/status`), until the admin API takes over these
 * routes. `/readyz` answers 503 while PostgreSQL or Redis is unreachable, so a load balancer or
 * orchestrator holds traffic back instead of failing it.
 */
export function startStatusServer(services: Services, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.url === '/healthz') return send(200, { ok: true });
      if (req.url === '/readyz') {
        const checks = await readiness(services);
        return send(checks.postgres && checks.redis ? 200 : 503, checks);
      }
      if (req.url === '/status') return send(200, await status(services));
      send(404, { error: 'Not found: try /healthz, /readyz or /status' });
    } catch (error) {
      send(500, { error: (error as Error).message });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

async function readiness(services: Services) {
  const within = <T>(p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, r) => setTimeout(() => r(new Error('timeout')), 2000).unref())]);
  const [postgres, redis] = await Promise.all([
    within(services.db.pool.query('SELECT 1')).then(
      () => true,
      () => false,
    ),
    within(services.redis.ping()).then(
      () => true,
      () => false,
    ),
  ]);
  return { postgres, redis };
}

async function status(services: Services) {
  const queues = Object.fromEntries(
    await Promise.all(
      services.queues
        .all()
        .map(async (q) => [
          q.name,
          await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
        ]),
    ),
  );
  return { sync: await syncStats(services.db.pool), queues };
}
