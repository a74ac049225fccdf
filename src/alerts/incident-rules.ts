/**
 * When an incident opens and resolves: pure rules over one condition's reading, its tracked times
 * and whether an incident is open. `now` is an argument, so tests drive the clock.
 */

/** What the evaluator remembers about one condition between ticks (kept in Redis). */
export interface ConditionTrack {
  /** Since when the condition has held without a break; null while it is clear. */
  holdingSince: number | null;
  /** Since when an open incident's condition has been clear; null while it holds. */
  clearSince: number | null;
}

export const untracked: ConditionTrack = { holdingSince: null, clearSince: null };

export type IncidentStep =
  | { action: 'none' }
  /** Open an incident that started at `startedAt` (when the condition began to hold). */
  | { action: 'open'; startedAt: number }
  /** Resolve the open incident: the condition has been clear since `clearSince`. */
  | { action: 'resolve'; clearSince: number };

export interface IncidentRules {
  /** How long the condition must hold before an incident opens. */
  holdForMs: number;
  /** How long it must stay clear before the incident resolves (hysteresis). */
  resolveAfterClearMs: number;
}

/**
 * One tick. An incident opens once the condition has held `holdForMs` without a break, stays open
 * through short clear spells (a flapping condition pages once), and resolves once the condition
 * has stayed clear `resolveAfterClearMs`. The same inputs give the same step, so a tick that runs
 * twice decides the same thing twice and the database's constraints keep it to one incident.
 */
export function stepIncident(
  track: ConditionTrack,
  open: boolean,
  holds: boolean,
  now: number,
  rules: IncidentRules,
): { track: ConditionTrack; step: IncidentStep } {
  if (holds) {
    const holdingSince = track.holdingSince ?? now;
    const next = { holdingSince, clearSince: null };
    if (!open && now - holdingSince >= rules.holdForMs) {
      return { track: next, step: { action: 'open', startedAt: holdingSince } };
    }
    return { track: next, step: { action: 'none' } };
  }
  if (!open) return { track: untracked, step: { action: 'none' } };
  const clearSince = track.clearSince ?? now;
  if (now - clearSince >= rules.resolveAfterClearMs) {
    return { track: untracked, step: { action: 'resolve', clearSince } };
  }
  return { track: { holdingSince: null, clearSince }, step: { action: 'none' } };
}
