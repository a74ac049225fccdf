import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueQueuePrefix } from '../../test/support/database.ts';
import { testRedisUrl } from '../../test/support/env.ts';
import { createUpdateClaims } from './update-claims.ts';

let redis: Redis;

beforeAll(() => {
  redis = new Redis(testRedisUrl);
});

afterAll(async () => {
  redis.disconnect();
});

describe('update claims', () => {
  it('runs an update once per process, and again only after a process died before finishing it', async () => {
    const keyPrefix = uniqueQueuePrefix();
    const first = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'first' });
    const restarted = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'restarted' });

    expect(await first.claim(100)).toBe('run');
    // The same update again while the first delivery is being handled.
    expect(await first.claim(100)).toBe('skip');
    // The first process died mid-handler: the restarted one takes the update over...
    expect(await restarted.claim(100)).toBe('rerun');
    expect(await restarted.claim(100)).toBe('skip');
    // ...and once it is done, nobody runs it again.
    await restarted.markDone(100);
    expect(await first.claim(100)).toBe('skip');
    expect(await restarted.claim(100)).toBe('skip');
  });

  it('keeps updates of different bots and installations apart, and forgets a claim after a day', async () => {
    const keyPrefix = uniqueQueuePrefix();
    const claims = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'p' });
    await claims.claim(200);
    await claims.markDone(200);
    expect(await createUpdateClaims(redis, { keyPrefix, botId: 8 }).claim(200)).toBe('run');
    expect(await createUpdateClaims(redis, { keyPrefix: uniqueQueuePrefix(), botId: 7 }).claim(200)).toBe(
      'run',
    );
    const ttl = await redis.ttl(`${keyPrefix}:telegram:update:7:200`);
    expect(ttl).toBeGreaterThan(23 * 3600);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });
});
