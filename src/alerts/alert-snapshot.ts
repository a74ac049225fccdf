import type { Queue } from 'bullmq';
import type { Queryable } from '../db/queryable.ts';
import type { RedisConnection } from '../redis/connection.ts';
import { countInWindow, lastReceivedAt } from './alert-signals.ts';
import { readHeartbeats } from './heartbeat.ts';
import type { PagerWindows } from './pager-conditions.ts';
import type { AlertSnapshot } from './read-conditions.ts';

export interface SnapshotSources {
  pool: Queryable;
  redis: RedisConnection;
  prefix: string;
  queues: Queue[];
}

// Failed events are found through their partial index; those that failed for the player's own
// doing (the refusal texts of src/discord/discord-port-errors.ts and src/telegram/telegram-port.ts:
// a DM they refuse, a server they left) are no operator's business and page nobody. Activity is one
// probe of the (status, created_at) index per status.
const failedEventsSql = `
SELECT count(*)::int AS n FROM sync_events
 WHERE status = 'failed' AND coalesce(error_message, '') !~ $1`;
const playersOwnRefusals = ['cannot message user', 'cannot DM user', 'is not a member of server'].join('|');
const communityActiveSql = `
SELECT EXISTS (
  SELECT 1 FROM sync_events
   WHERE status IN ('pending', 'processing', 'completed', 'failed') AND created_at > $1
) AS active`;
// Drift is what a run found wrong with the economy (totals, ranks, roles), not the stuck events it
// re-enqueued or its own errors.
const reconcileDriftSql = `
SELECT (SELECT count(*)::int FROM jsonb_array_elements(findings) f
         WHERE f->>'kind' IN ('totals', 'chain', 'rank', 'roles')) + totals_fixed + roles_fixed AS drift
  FROM reconcile_runs WHERE finished_at IS NOT NULL
 ORDER BY started_at DESC, id DESC LIMIT $1`;

/** Reads the signals, PostgreSQL's counts and the queues' depths for one evaluation. */
export async function readAlertSnapshot(
  sources: SnapshotSources,
  windows: PagerWindows,
  now: number,
): Promise<AlertSnapshot> {
  const { pool, redis, prefix } = sources;
  const [failed, active, drift, queues, roleRefusals, telegram429, discord429, tgLast, dcLast, beats] =
    await Promise.all([
      pool.query<{ n: number }>(failedEventsSql, [playersOwnRefusals]),
      pool.query<{ active: boolean }>(communityActiveSql, [new Date(now - windows.communityActiveWithinMs)]),
      pool.query<{ drift: number }>(reconcileDriftSql, [windows.reconcileDriftRuns]),
      Promise.all(sources.queues.map((queue) => queueDepth(queue, now))),
      countInWindow(redis, prefix, 'role-refusals', now, windows.refusalWindowMs, windows.signalBucketMs),
      countInWindow(
        redis,
        prefix,
        'rate-limited-telegram',
        now,
        windows.refusalWindowMs,
        windows.signalBucketMs,
      ),
      countInWindow(
        redis,
        prefix,
        'rate-limited-discord',
        now,
        windows.refusalWindowMs,
        windows.signalBucketMs,
      ),
      lastReceivedAt(redis, prefix, 'telegram'),
      lastReceivedAt(redis, prefix, 'discord'),
      readHeartbeats(redis, prefix),
    ]);
  return {
    now,
    failedEvents: failed.rows[0]?.n ?? 0,
    queues,
    reconcileDrift: drift.rows.map((row) => row.drift),
    roleRefusals,
    rateLimited: { telegram: telegram429, discord: discord429 },
    lastReceived: { telegram: tgLast, discord: dcLast },
    communityActive: active.rows[0]?.active === true,
    heartbeats: beats,
  };
}

async function queueDepth(queue: Queue, now: number) {
  const [waiting, oldest] = await Promise.all([
    queue.getWaitingCount(),
    // Ascending: the job that has waited longest.
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  const since = oldest[0]?.timestamp;
  return { name: queue.name, waiting, oldestWaitingAgeMs: since ? Math.max(0, now - since) : null };
}
