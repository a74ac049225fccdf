/**
 * How long giving a winner the season's Discord role is retried after failures that may pass (Discord
 * down, a network error): the pause doubles from one minute up to an hour, and after the last
 * attempt the role is given up and the reason recorded, as a refusal is at once. About two hours in
 * all: longer than Discord's outages usually last, short enough that the admin sees the reason the
 * same day.
 */
export const seasonRoleAttempts = 8;

const firstPauseMs = 60_000;
const longestPauseMs = 3_600_000;

/** The pause after the `failures`-th failure (1 for the first). */
export function seasonRolePauseMs(failures: number): number {
  return Math.min(firstPauseMs * 2 ** Math.max(0, failures - 1), longestPauseMs);
}
