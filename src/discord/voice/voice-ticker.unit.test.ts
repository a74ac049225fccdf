import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startVoiceTicker } from './voice-ticker.ts';

const logger = pino({ level: 'silent' });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startVoiceTicker', () => {
  it('ticks every interval and skips a tick while the previous one still runs', async () => {
    let finish: () => void = () => {};
    const tick = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const ticker = startVoiceTicker(tick, 1_000, logger);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(tick).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tick).toHaveBeenCalledTimes(2);
    finish();
    await ticker.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(tick).toHaveBeenCalledTimes(2);
  });

  it('keeps ticking after a failed tick', async () => {
    const tick = vi.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(undefined);
    const ticker = startVoiceTicker(tick, 1_000, logger);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(tick).toHaveBeenCalledTimes(3);
    await ticker.stop();
  });

  it('stop waits for the tick under way', async () => {
    let finished = false;
    const ticker = startVoiceTicker(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            finished = true;
            resolve();
          }, 500),
        ),
      1_000,
      logger,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const stopped = ticker.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
  });
});
