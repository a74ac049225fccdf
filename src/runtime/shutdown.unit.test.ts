import { describe, expect, it } from 'vitest';
import { judgeSignal, RELAYED_SIGNAL_WINDOW_MS } from './shutdown.ts';

describe('judgeSignal', () => {
  it('the first signal starts the graceful shutdown', () => {
    expect(judgeSignal(undefined, 5_000)).toBe('stop');
  });

  it('a copy relayed a moment later (npm forwarding the terminal Ctrl+C) changes nothing', () => {
    expect(judgeSignal(5_000, 5_000)).toBe('relayed');
    expect(judgeSignal(5_000, 5_030)).toBe('relayed');
    expect(judgeSignal(5_000, 5_000 + RELAYED_SIGNAL_WINDOW_MS - 1)).toBe('relayed');
  });

  it('a deliberate second Ctrl+C exits at once', () => {
    expect(judgeSignal(5_000, 5_000 + RELAYED_SIGNAL_WINDOW_MS)).toBe('force');
    expect(judgeSignal(5_000, 60_000)).toBe('force');
  });
});
