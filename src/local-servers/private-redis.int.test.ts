import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdServer, isAlive, killServer, readPid } from '../../test/support/local-servers.ts';
import { createLogger } from '../logging/logger.ts';
import { startPrivateRedis } from './private-redis.ts';

const logger = createLogger('silent');

async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

function redisPid(dataDir: string): Promise<number> {
  return readPid(join(dataDir, 'redis.pid'));
}

describe('startPrivateRedis', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-redis-'));
  });

  afterAll(async () => {
    // Never leave a server behind, whatever failed above.
    await killServer(join(dataDir, 'redis.pid'), 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its data (AOF) and its URL across restarts', { timeout: 15_000 }, async () => {
    let t = performance.now();
    const first = await startPrivateRedis({ dataDir, logger });
    const firstMs = performance.now() - t;
    expect(first.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    await withRedis(first.url, async (redis) => {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      await redis.set('tandem:kept', 'across restarts');
    });
    const pid = await redisPid(dataDir);
    await first.stop();
    await first.stop(); // idempotent
    expect(isAlive(pid)).toBe(false);

    t = performance.now();
    const second = await startPrivateRedis({ dataDir, logger });
    const restartMs = performance.now() - t;
    try {
      expect(second.url).toBe(first.url);
      expect(await withRedis(second.url, (redis) => redis.get('tandem:kept'))).toBe('across restarts');
    } finally {
      await second.stop();
    }
    console.info(`private Redis: first start ${Math.round(firstMs)} ms, restart ${Math.round(restartMs)} ms`);
  });

  it('stops a server left running by a SIGKILLed parent, then starts', { timeout: 15_000 }, async () => {
    const { url, crash } = await holdServer('redis', dataDir);
    const leftover = await redisPid(dataDir);
    await withRedis(url, (redis) => redis.set('tandem:orphan', 'written before the crash'));
    await crash();
    expect(isAlive(leftover)).toBe(true); // the orphan is still running

    const redis = await startPrivateRedis({ dataDir, logger });
    try {
      expect(isAlive(leftover)).toBe(false);
      expect(await redisPid(dataDir)).not.toBe(leftover);
      expect(redis.url).toBe(url);
      await withRedis(redis.url, async (client) => {
        expect(await client.get('tandem:kept')).toBe('across restarts');
        expect(await client.get('tandem:orphan')).toBe('written before the crash');
      });
    } finally {
      await redis.stop();
    }
  });

  it('refuses to take over a server whose process is still running', { timeout: 15_000 }, async () => {
    const running = await startPrivateRedis({ dataDir, logger });
    try {
      await expect(startPrivateRedis({ dataDir, logger })).rejects.toThrow(/already run by another process/);
      expect(await withRedis(running.url, (redis) => redis.get('tandem:kept'))).toBe('across restarts');
    } finally {
      await running.stop();
    }
  });

  it('ignores a stale redis.pid whose pid now belongs to another process', { timeout: 15_000 }, async () => {
    await writeFile(join(dataDir, 'redis.pid'), `${process.pid}\n`);
    const redis = await startPrivateRedis({ dataDir, logger });
    try {
      expect(await withRedis(redis.url, (client) => client.ping())).toBe('PONG');
    } finally {
      await redis.stop();
    }
    expect(isAlive(process.pid)).toBe(true);
  });

  it('says how to install redis-server when it is missing', async () => {
    const attempt = startPrivateRedis({ dataDir, logger, binary: '/nonexistent/redis-server' });
    await expect(attempt).rejects.toThrow(/apt-get install redis-server/);
    await expect(attempt).rejects.toThrow(/brew install redis/);
    await expect(attempt).rejects.toThrow(/REDIS_URL/);
  });
});
