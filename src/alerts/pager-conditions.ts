import { alertConditions as rules } from './conditions.ts';

/**
 * The thresholds and windows of the conditions Tandem pages its admins about. Where the shipped
 * Prometheus rules judge the same thing they share the numbers (src/alerts/conditions.ts), so the
 * pager and an operator's Prometheus agree on what is an incident. The pager reads platform refusals
 * as counts of the process's own calls (any role write refused for a permission is a setup to fix at
 * once), the rules as shares of all calls across processes. Every window is an option of the
 * evaluator, so tests can shorten them; these are the defaults.
 */
export interface PagerWindows {
  /** Failed sync events must stay above zero this long. @defaultValue 600000 (10 min, as the rule) */
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
  /** A bot that received nothing this long, while the community is active, stopped receiving. @defaultValue 1800000 (as the rule) */
  platformSilentMs: number;
  /** The community is active when an event was recorded this recently. @defaultValue 3600000 */
  communityActiveWithinMs: number;
  /** A process whose readiness heartbeat is older than this is not ready. @defaultValue 300000 (as the rule) */
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
  failedEventsForMs: rules.TandemSyncEventsFailed.forSeconds * 1000,
  queueMaxWaiting: rules.TandemQueueBacklog.waitingJobs,
  queueMaxOldestWaitingMs: rules.TandemQueueWaitTooLong.oldestWaitingSeconds * 1000,
  reconcileDriftRuns: rules.TandemReconcileDriftRepeated.consecutiveRuns,
  refusalWindowMs: 5 * 60_000,
  rateLimitedMax: 10,
  platformSilentMs: rules.TandemDiscordSilent.silentSeconds * 1000,
  communityActiveWithinMs: 60 * 60_000,
  heartbeatMissingMs: rules.TandemProcessNotReady.forSeconds * 1000,
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
