import { describe, expect, it } from 'vitest';
import { FloodControl } from './flood-control.ts';

const limits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30, burst: 3 };

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('FloodControl', () => {
  it('lets a burst through, then asks to retry after the time one token takes', () => {
    const time = clock();
    const flood = new FloodControl(limits, true, time.now);
    expect([1, 2, 3].map(() => flood.take(1, 42, false))).toEqual([undefined, undefined, undefined]);
    expect(flood.take(1, 42, false)).toBe(1);
    time.advance(1000);
    expect(flood.take(1, 42, false)).toBeUndefined();
  });

  it('keeps chats and bots apart', () => {
    const flood = new FloodControl({ ...limits, burst: 1 }, true, clock().now);
    expect(flood.take(1, 42, false)).toBeUndefined();
    expect(flood.take(1, 43, false)).toBeUndefined();
    expect(flood.take(2, 42, false)).toBeUndefined();
    expect(flood.take(1, 42, false)).toBe(1);
  });

  it('applies the per-minute group limit on top of the per-chat one', () => {
    const time = clock();
    const flood = new FloodControl({ ...limits, burst: 1 }, true, time.now);
    expect(flood.take(1, -100, true)).toBeUndefined();
    time.advance(1000);
    // The chat bucket has refilled; the group's 20/min bucket needs 3 s per message.
    expect(flood.take(1, -100, true)).toBe(2);
  });

  it('lets everything through when not enforced', () => {
    const flood = new FloodControl({ ...limits, burst: 1 }, false, clock().now);
    expect(flood.take(1, 42, false)).toBeUndefined();
    expect(flood.take(1, 42, false)).toBeUndefined();
  });
});
