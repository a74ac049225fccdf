/**
 * The thresholds and windows of the conditions Tandem pages its admins about, with the meaning the
 * Prometheus rules give them (src/alerts/conditions.ts holds those; the two are to become one). Every
 * window is an option of the evaluator, so tests can shorten them; these are the defaults.
 */
export interface PagerWindows {
  /** Failed sync events must stay above zero this long. @defaultValue 300000 (5 min) */
  failedEventsForMs: number;
  /** A queue with more waiting jobs than this is backed up. @defaultValue 1000 */
  queueMaxWaiting: number;
  /** A queue whose oldest waiting job waited longer than this is backed up. @defaultValue 300000 */
  queueMaxOldestWaitingMs: number;
  /** Finished reconcile runs in a row that found drift. @defaultValue 2 */
  reconcileDriftRuns: number;
  /** Role writes Discord refused for a permission (403, 50013) are counted over this window. @defaultValue 300000 */
  refusalWindowMs: number;
  /** 429s per platform over the window above this page. @defaultValue 10 */
  rateLimitedMax: number;
  /** A bot that received nothing this long, while the community is active, stopped receiving. @defaultValue 600000 */
  platformSilentMs: number;
  /** The community is active when an event was recorded this recently. @defaultValue 3600000 */
  communityActiveWithinMs: number;
  /** A process whose readiness heartbeat is older than this is not ready. @defaultValue 120000 */
  heartbeatMissingMs: number;
  /** A process silent this long is forgotten (it was scaled away): its incident resolves. @defaultValue 3600000 */
  heartbeatForgetMs: number;
  /**
   * A condition must stay clear this long before its incident resolves, so one that flaps pages
   * once, not every tick. @defaultValue 120000
   */
  resolveAfterClearMs: number;
  /** The width of the refusal and 429 counters' buckets; must match the processes' signals. @defaultValue 60000 */
  signalBucketMs: number;
  /** Pages one admin gets per platform within `pacingWindowMs`; more are folded into one summary. @defaultValue 5 */
  pagesPerWindow: number;
  /** @defaultValue 600000 (10 min) */
  pacingWindowMs: number;
}

export const pagerDefaults: PagerWindows = {
  failedEventsForMs: 5 * 60_000,
  queueMaxWaiting: 1000,
  queueMaxOldestWaitingMs: 5 * 60_000,
  reconcileDriftRuns: 2,
  refusalWindowMs: 5 * 60_000,
  rateLimitedMax: 10,
  platformSilentMs: 10 * 60_000,
  communityActiveWithinMs: 60 * 60_000,
  heartbeatMissingMs: 2 * 60_000,
  heartbeatForgetMs: 60 * 60_000,
  resolveAfterClearMs: 2 * 60_000,
  signalBucketMs: 60_000,
  pagesPerWindow: 5,
  pacingWindowMs: 10 * 60_000,
};

/** How often the evaluator runs, once per tick across all workers. @defaultValue 30000 */
export const evaluateAlertsEveryMs = 30_000;

/** How often a process writes its readiness heartbeat. */
export const heartbeatEveryMs = 15_000;

/** A bot writes the time of the last update it received at most this often. */
export const activityWriteEveryMs = 5_000;

export function pagerWindows(options: Partial<PagerWindows> = {}): PagerWindows {
  return { ...pagerDefaults, ...options };
}
