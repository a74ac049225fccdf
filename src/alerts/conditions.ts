/**
 * When Tandem is unhealthy, in numbers: the thresholds and durations of the alert rules shipped in
 * deploy/monitoring/prometheus/tandem.rules.yml (a test keeps the two in step). Anything else
 * that judges the same conditions reads them from here. Durations are in seconds.
 */
export const alertConditions = {
  /** Failed sync events exist (they wait for an operator's retry) for this long. */
  TandemSyncEventsFailed: { above: 0, forSeconds: 600 },
  /** More jobs than this wait in one queue for this long. */
  TandemQueueBacklog: { waitingJobs: 1000, forSeconds: 600 },
  /** The oldest waiting job of a queue has waited longer than this, for this long. */
  TandemQueueWaitTooLong: { oldestWaitingSeconds: 300, forSeconds: 300 },
  /** Reconcile found drift on this many runs in a row (one run every 15 minutes by default). */
  TandemReconcileDriftRepeated: { consecutiveRuns: 2 },
  /** More than this share of a kind of platform call refused, over 15 minutes, for this long. */
  TandemPlatformRefusals: { ratio: 0.1, forSeconds: 900 },
  /** More than this share of a platform's calls answered 429, over 10 minutes, for this long. */
  TandemPlatformRateLimited: { ratio: 0.2, forSeconds: 900 },
  /** No Telegram update for this long while the community is active (events recorded in the last hour). */
  TandemTelegramSilent: { silentSeconds: 1800, forSeconds: 300 },
  /** No Discord gateway event for this long while the community is active. */
  TandemDiscordSilent: { silentSeconds: 1800, forSeconds: 300 },
  /** A process answers scrapes but says it is not ready (PostgreSQL, Redis or its bot away). */
  TandemProcessNotReady: { forSeconds: 300 },
  /** Prometheus cannot scrape a process. */
  TandemProcessDown: { forSeconds: 300 },
} as const;

export type AlertName = keyof typeof alertConditions;
