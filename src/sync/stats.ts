import type { Queryable } from '../db/queryable.ts';
import { type EventType, eventTypes } from '../ledger/event-schemas.ts';

export const syncStatuses = ['pending', 'processing', 'completed', 'failed'] as const;
export type SyncStatus = (typeof syncStatuses)[number];
export type StatusCounts = Record<SyncStatus, number>;

export interface SyncStatsOptions {
  /** Minutes over which throughput is averaged. @defaultValue 15 */
  windowMinutes?: number;
  /** Length of the per-minute series for the dashboard chart, the current minute last. @defaultValue 60 */
  seriesMinutes?: number;
  /**
   * Completed events are found through the (status, created_at) index: an event completed more than
   * this long after it was recorded (a backlog after an outage) is left out of the throughput.
   * @defaultValue 60
   */
  maxProcessingDelayMinutes?: number;
  /**
   * Completed events are counted over this many minutes (recorded since then), through the
   * (status, created_at) index: the outbox keeps every event, and a count of all of them would read
   * the whole history on each refresh. Open and failed events are counted whatever their age.
   * @defaultValue 60
   */
  completedWindowMinutes?: number;
  /** The moment described. @defaultValue now */
  at?: Date;
}

export interface LastReconcileSummary {
  id: number;
  startedAt: Date;
  /** null while the run is still going (or when it died). */
  finishedAt: Date | null;
  durationMs: number | null;
  playersChecked: number;
  totalsFixed: number;
  rolesFixed: number;
  eventsRequeued: number;
  errors: number;
  /** Everything the run found, including findings left out of the stored list. */
  findings: number;
}

export interface SyncStats {
  at: Date;
  /** Pending, processing and failed: all of them; completed: those recorded in the last `completedWindowMinutes`. */
  byStatus: StatusCounts;
  byType: Record<EventType, StatusCounts & { total: number }>;
  completedWindowMinutes: number;
  throughput: {
    windowMinutes: number;
    /** Events completed in the window. */
    completed: number;
    /** `completed` / `windowMinutes`, to two decimals. */
    perMinute: number;
    /** One point per minute (the minute's start), oldest first. */
    series: Array<{ minute: Date; completed: number }>;
  };
  /** Seconds the oldest pending event has waited; null when none is pending. */
  oldestPendingAgeSeconds: number | null;
  /** Seconds since the longest-running processing event was claimed; null when none is processing. */
  oldestProcessingAgeSeconds: number | null;
  lastReconcile: LastReconcileSummary | null;
}

// Open events are few (the outbox drains): read through the (status, created_at) index. Failed ones
// stay until cleanup's retention: counted from the partial index of failed events alone, which
// carries their type (the status is written as a constant: a column the index lacks would send
// the count to the table).
export const openCountsSql = `
SELECT type, status, count(*)::int AS n FROM sync_events
 WHERE status IN ('pending', 'processing') GROUP BY type, status
UNION ALL
SELECT type, 'failed'::"SyncStatus", count(*)::int FROM sync_events
 WHERE status = 'failed' GROUP BY type`;

// Completed ones are the history: only a bounded range of the (status, created_at) index.
const completedCountsSql = `
SELECT type, 'completed'::text AS status, count(*)::int AS n FROM sync_events
 WHERE status = 'completed'
   AND created_at > $1::timestamptz - make_interval(mins => $2::int)
   AND created_at <= $1::timestamptz
 GROUP BY type`;

const seriesSql = `
WITH done AS (
  SELECT date_trunc('minute', processed_at) AS minute, count(*)::int AS n
    FROM sync_events
   WHERE status = 'completed'
     AND created_at >= $1::timestamptz - make_interval(mins => $2::int + $3::int)
     AND processed_at >= date_trunc('minute', $1::timestamptz) - make_interval(mins => $2::int - 1)
     AND processed_at <= $1::timestamptz
   GROUP BY 1
)
SELECT m.minute, coalesce(done.n, 0) AS completed
  FROM generate_series(date_trunc('minute', $1::timestamptz) - make_interval(mins => $2::int - 1),
                       date_trunc('minute', $1::timestamptz), interval '1 minute') AS m(minute)
  LEFT JOIN done ON done.minute = m.minute
 ORDER BY m.minute`;

const windowSql = `
SELECT count(*)::int AS completed
  FROM sync_events
 WHERE status = 'completed'
   AND created_at >= $1::timestamptz - make_interval(mins => $2::int + $3::int)
   AND processed_at > $1::timestamptz - make_interval(mins => $2::int)
   AND processed_at <= $1::timestamptz`;

const agesSql = `
SELECT (SELECT floor(extract(epoch FROM $1::timestamptz - min(created_at)))::int
          FROM sync_events WHERE status = 'pending') AS oldest_pending,
       (SELECT floor(extract(epoch FROM $1::timestamptz - min(updated_at)))::int
          FROM sync_events WHERE status = 'processing') AS oldest_processing`;

// A stored findings list ends with {kind: 'truncated', omitted} when the run found more than it kept.
const lastReconcileSql = `
SELECT id, started_at, finished_at, players_checked, totals_fixed, roles_fixed, events_requeued, errors,
       jsonb_array_length(findings)
         + coalesce((findings -> -1 ->> 'omitted')::int - 1, 0) AS findings
  FROM reconcile_runs ORDER BY started_at DESC, id DESC LIMIT 1`;

/**
 * What the sync engine is doing, for the admin dashboard and `/metrics`: events by status and type,
 * completions per minute, how long the oldest open events have waited, and the last reconcile.
 * Every statement is served by the (status, created_at) index or a small aggregate; none reads
 * more than the open events and a bounded window of the completed ones.
 */
export async function syncStats(db: Queryable, options: SyncStatsOptions = {}): Promise<SyncStats> {
  const windowMinutes = positiveInt(options.windowMinutes ?? 15, 'windowMinutes');
  const seriesMinutes = positiveInt(options.seriesMinutes ?? 60, 'seriesMinutes');
  const delay = positiveInt(options.maxProcessingDelayMinutes ?? 60, 'maxProcessingDelayMinutes');
  const completedWindow = positiveInt(options.completedWindowMinutes ?? 60, 'completedWindowMinutes');
  const at = options.at ?? new Date();

  const [open, done, series, window, ages, last] = await Promise.all([
    db.query<{ type: EventType; status: SyncStatus; n: number }>(openCountsSql),
    db.query<{ type: EventType; status: SyncStatus; n: number }>(completedCountsSql, [at, completedWindow]),
    db.query<{ minute: Date; completed: number }>(seriesSql, [at, seriesMinutes, delay]),
    db.query<{ completed: number }>(windowSql, [at, windowMinutes, delay]),
    db.query<{ oldest_pending: number | null; oldest_processing: number | null }>(agesSql, [at]),
    db.query(lastReconcileSql),
  ]);

  const byStatus = zeroCounts();
  const byType = Object.fromEntries(
    eventTypes.map((t) => [t, { ...zeroCounts(), total: 0 }]),
  ) as SyncStats['byType'];
  for (const row of [...open.rows, ...done.rows]) {
    byStatus[row.status] += row.n;
    byType[row.type][row.status] += row.n;
    byType[row.type].total += row.n;
  }
  const completed = window.rows[0]?.completed ?? 0;
  const age = ages.rows[0];
  return {
    at,
    byStatus,
    byType,
    completedWindowMinutes: completedWindow,
    throughput: {
      windowMinutes,
      completed,
      perMinute: Math.round((completed / windowMinutes) * 100) / 100,
      series: series.rows.map((r) => ({ minute: r.minute, completed: r.completed })),
    },
    oldestPendingAgeSeconds: nonNegative(age?.oldest_pending ?? null),
    oldestProcessingAgeSeconds: nonNegative(age?.oldest_processing ?? null),
    lastReconcile: last.rows[0] ? reconcileSummary(last.rows[0]) : null,
  };
}

function zeroCounts(): StatusCounts {
  return { pending: 0, processing: 0, completed: 0, failed: 0 };
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 10_080) {
    throw new RangeError(`${name} must be a whole number of minutes from 1 to 10080 (got ${value})`);
  }
  return value;
}

/** An event recorded a moment after `at` (a caller passing an older `at`) is not "waiting" yet. */
function nonNegative(seconds: number | null): number | null {
  return seconds === null ? null : Math.max(0, seconds);
}

function reconcileSummary(row: {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  players_checked: number;
  totals_fixed: number;
  roles_fixed: number;
  events_requeued: number;
  errors: number;
  findings: number;
}): LastReconcileSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : null,
    playersChecked: row.players_checked,
    totalsFixed: row.totals_fixed,
    rolesFixed: row.roles_fixed,
    eventsRequeued: row.events_requeued,
    errors: row.errors,
    findings: row.findings,
  };
}
