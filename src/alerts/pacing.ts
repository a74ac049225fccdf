/**
 * How many pages an admin gets: at most `pagesPerWindow` messages per platform in any
 * `pacingWindowMs`; the pages beyond are folded, and told together in one summary once the oldest
 * of them is a window old. So a storm of incidents costs an admin N + 1 messages per window.
 */
export interface PacingRules {
  pagesPerWindow: number;
  pacingWindowMs: number;
}

/** A new page for an admin who was sent `sentInWindow` pages (not folded ones) within the window. */
export function paceOf(sentInWindow: number, rules: PacingRules): 'send' | 'fold' {
  return sentInWindow < rules.pagesPerWindow ? 'send' : 'fold';
}

/** Whether the folded pages waiting for a summary should go out now. */
export function summaryDue(oldestFoldedAt: number | null, now: number, rules: PacingRules): boolean {
  return oldestFoldedAt !== null && now - oldestFoldedAt >= rules.pacingWindowMs;
}
