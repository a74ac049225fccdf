import { describe, expect, it } from 'vitest';
import { cachedValue } from './cached-value.ts';

/** A load that answers when the test says so, counting its calls. */
function controlledLoad() {
  const pending: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  return {
    pending,
    load: () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

describe('cached value', () => {
  it('shares one load between callers and serves it until it is ttlMs old', async () => {
    let clock = 1_000;
    let loads = 0;
    const value = cachedValue(async () => `v${++loads}`, { ttlMs: 100, now: () => clock });
    expect(await Promise.all([value.get(), value.get()])).toEqual(['v1', 'v1']);
    clock += 99;
    expect(await value.get()).toBe('v1');
    clock += 1;
    expect(await value.get()).toBe('v2');
    expect(loads).toBe(2);
  });

  it('does not keep a failed load: the next call tries again', async () => {
    let fail = true;
    const value = cachedValue(async () => {
      if (fail) throw new Error('database away');
      return 'loaded';
    });
    await expect(value.get()).rejects.toThrow('database away');
    fail = false;
    expect(await value.get()).toBe('loaded');
  });

  it('drops the value at once; a load running then answers its callers and is not kept', async () => {
    const { pending, load } = controlledLoad();
    const value = cachedValue(load);
    const first = value.get();
    await Promise.resolve();
    value.drop();
    const second = value.get();
    await Promise.resolve();
    expect(pending).toHaveLength(2);
    pending[0]!.resolve('old');
    pending[1]!.resolve('new');
    expect(await first).toBe('old');
    expect(await second).toBe('new');
    expect(await value.get()).toBe('new');
    expect(pending).toHaveLength(2);
  });
});
