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

/** An update as Telegram sends it: the same id can carry different content after ids restart. */
const update = (updateId: number, text = '/daily', fromId = 1) => ({
  update_id: updateId,
  message: { message_id: 1, date: 1_790_000_000, chat: { id: fromId, type: 'private' }, text },
});

describe('update claims', () => {
  it('runs an update once per process, and again only after a process died before finishing it', async () => {
    const keyPrefix = uniqueQueuePrefix();
    const first = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'first' });
    const restarted = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'restarted' });

    expect(await first.claim(update(100))).toBe('run');
    // The same update again while the first delivery is being handled.
    expect(await first.claim(update(100))).toBe('skip');
    // The first process died mid-handler: the restarted one takes the update over...
    expect(await restarted.claim(update(100))).toBe('rerun');
    expect(await restarted.claim(update(100))).toBe('skip');
    // ...and once it is done, nobody runs it again.
    await restarted.markDone(update(100));
    expect(await first.claim(update(100))).toBe('skip');
    expect(await restarted.claim(update(100))).toBe('skip');
  });

  it('never lets the claim of one update swallow a different update under the same id', async () => {
    const keyPrefix = uniqueQueuePrefix();
    const before = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'before' });
    const after = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'after' });
    expect(await before.claim(update(300, '/daily', 1))).toBe('run');
    await before.markDone(update(300, '/daily', 1));

    // Another user's message reusing id 300: handled, whether the old claim is done or in progress.
    expect(await after.claim(update(300, '/daily', 2))).toBe('collision');
    expect(await after.claim(update(300, '/daily', 2))).toBe('skip');
    expect(await before.claim(update(300, '/top', 2))).toBe('collision');
    // Its own redelivery, once done, is a duplicate like any other.
    await before.markDone(update(300, '/top', 2));
    expect(await after.claim(update(300, '/top', 2))).toBe('skip');
  });

  it('keeps updates of different bots and installations apart, and forgets a claim after a day', async () => {
    const keyPrefix = uniqueQueuePrefix();
    const claims = createUpdateClaims(redis, { keyPrefix, botId: 7, processId: 'p' });
    await claims.claim(update(200));
    await claims.markDone(update(200));
    expect(await createUpdateClaims(redis, { keyPrefix, botId: 8 }).claim(update(200))).toBe('run');
    expect(
      await createUpdateClaims(redis, { keyPrefix: uniqueQueuePrefix(), botId: 7 }).claim(update(200)),
    ).toBe('run');
    const ttl = await redis.ttl(`${keyPrefix}:telegram:update:7:200`);
    expect(ttl).toBeGreaterThan(23 * 3600);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });
});
