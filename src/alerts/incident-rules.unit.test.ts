import { describe, expect, it } from 'vitest';
import { type ConditionTrack, type IncidentStep, stepIncident, untracked } from './incident-rules.ts';
import { paceOf, summaryDue } from './pacing.ts';

/** Runs a condition through ticks on a fake clock, opening and resolving as the rules say. */
function run(readings: Array<[at: number, holds: boolean]>, holdForMs: number, resolveAfterClearMs: number) {
  let track: ConditionTrack = untracked;
  let open = false;
  const steps: Array<[number, IncidentStep['action']]> = [];
  for (const [at, holds] of readings) {
    const next = stepIncident(track, open, holds, at, { holdForMs, resolveAfterClearMs });
    track = next.track;
    if (next.step.action === 'open') open = true;
    if (next.step.action === 'resolve') open = false;
    if (next.step.action !== 'none') steps.push([at, next.step.action]);
  }
  return steps;
}

describe('an incident', () => {
  it('opens once the condition has held for its window, started when it began to hold', () => {
    const first = stepIncident(untracked, false, true, 1_000, { holdForMs: 5_000, resolveAfterClearMs: 0 });
    expect(first.step).toEqual({ action: 'none' });
    const later = stepIncident(first.track, false, true, 6_000, { holdForMs: 5_000, resolveAfterClearMs: 0 });
    expect(later.step).toEqual({ action: 'open', startedAt: 1_000 });
  });

  it('does not open when the condition breaks off before its window', () => {
    expect(
      run(
        [
          [0, true],
          [3_000, false],
          [4_000, true],
          [8_000, true],
        ],
        5_000,
        1_000,
      ),
    ).toEqual([]);
  });

  it('stays open while the condition holds, and pages nothing more', () => {
    expect(
      run(
        [
          [0, true],
          [30_000, true],
          [60_000, true],
          [90_000, true],
        ],
        0,
        60_000,
      ),
    ).toEqual([[0, 'open']]);
  });

  it('resolves once the condition has stayed clear for the hysteresis', () => {
    expect(
      run(
        [
          [0, true],
          [30_000, false],
          [60_000, false],
          [90_000, false],
        ],
        0,
        60_000,
      ),
    ).toEqual([
      [0, 'open'],
      [90_000, 'resolve'],
    ]);
  });

  it('opens once for a condition that flaps every tick', () => {
    const flapping = Array.from({ length: 20 }, (_, i) => [i * 30_000, i % 2 === 0] as [number, boolean]);
    expect(run(flapping, 0, 60_000)).toEqual([[0, 'open']]);
  });

  it('decides the same step for the same tick run twice', () => {
    const track = { holdingSince: 0, clearSince: null };
    const rules = { holdForMs: 1_000, resolveAfterClearMs: 0 };
    expect(stepIncident(track, false, true, 2_000, rules)).toEqual(
      stepIncident(track, false, true, 2_000, rules),
    );
  });
});

describe('paging pace', () => {
  const rules = { pagesPerWindow: 3, pacingWindowMs: 600_000 };

  it('sends up to N pages per window and folds the rest', () => {
    expect([0, 1, 2, 3, 7].map((sent) => paceOf(sent, rules))).toEqual([
      'send',
      'send',
      'send',
      'fold',
      'fold',
    ]);
  });

  it('summarises folded pages once the oldest of them is a window old', () => {
    expect(summaryDue(null, 1_000_000, rules)).toBe(false);
    expect(summaryDue(500_000, 1_000_000, rules)).toBe(false);
    expect(summaryDue(400_000, 1_000_000, rules)).toBe(true);
  });
});
