import type { Queue } from 'bullmq';
import { heldCoinsInTotal } from '../../ledger/holds.ts';
import { topPlayers } from '../../players/top-players.ts';
import { syncStats } from '../../sync/stats.ts';
import type { AdminApiDeps } from '../deps.ts';

/** What the panel's dashboard shows, read in one go: the sync engine, the queues, the community. */

/** Findings of the last reconcile listed on the dashboard; the count covers them all. @defaultValue 20 */
const maxFindingsShown = 20;
/** A queue that does not answer in this long is shown as unreachable. @defaultValue 2000 */
const queueTimeoutMs = 2000;

// Read from the partial index of failed events (by when they failed), never the outbox's history.
export const failedPerMinuteSql = `
SELECT date_trunc('minute', updated_at) AS minute, count(*)::int AS failed
  FROM sync_events
 WHERE status = 'failed'
   AND updated_at >= date_trunc('minute', $1::timestamptz) - interval '59 minutes'
   AND updated_at <= $1::timestamptz
 GROUP BY 1`;

// The queues waiting for an admin: small, and each read through its (status, created_at) index.
const queueTotalsSql = `
SELECT (SELECT count(*)::int FROM payouts WHERE status = 'held') AS held_payouts,
       (SELECT count(*)::int FROM task_submissions WHERE status = 'pending') AS pending_submissions`;

// A linked player is a Discord identity whose player also has a Telegram one (one identity per
// platform and player), probed through the (player_id, platform) key.
const communitySql = `
SELECT (SELECT count(*)::int FROM players WHERE merged_into_id IS NULL) AS players,
       (SELECT count(*)::int FROM identities d
         WHERE d.platform = 'discord'
           AND EXISTS (SELECT 1 FROM identities t WHERE t.player_id = d.player_id AND t.platform = 'telegram')
       ) AS linked_players`;

/**
 * How old the community's size may be. Counting a million players and their identities is a
 * scan, and the dashboard refreshes every few seconds: the figure is read at most this often, in
 * the background, and a refresh in between answers the last one. @defaultValue 60000
 */
const communityMaxAgeMs = 60_000;

interface CommunitySize {
  players: number;
  linkedPlayers: number;
}
const communityCache = new WeakMap<object, { readAt: number; size: Promise<CommunitySize> }>();

async function readCommunity(deps: AdminApiDeps): Promise<CommunitySize> {
  const { rows } = await deps.db.pool.query<{ players: number; linked_players: number }>(communitySql);
  return { players: rows[0]!.players, linkedPlayers: rows[0]!.linked_players };
}

/** The last community size read; a stale one starts a new read and is answered meanwhile. */
function communitySize(deps: AdminApiDeps, now: number): Promise<CommunitySize> {
  const cached = communityCache.get(deps.db.pool);
  if (cached && now - cached.readAt < communityMaxAgeMs) return cached.size;
  const size = readCommunity(deps);
  const entry = { readAt: now, size };
  communityCache.set(deps.db.pool, entry);
  // A failed read is not kept: the next refresh tries again.
  size.catch(() => {
    if (communityCache.get(deps.db.pool) === entry) communityCache.delete(deps.db.pool);
  });
  if (!cached) return size;
  return cached.size.catch(() => size);
}

export async function loadDashboard(deps: AdminApiDeps, at = new Date()) {
  const [stats, failed, queues, lastReconcile, leaders, totals, community, held] = await Promise.all([
    syncStats(deps.db.pool, { at, seriesMinutes: 60 }),
    deps.db.pool.query<{ minute: Date; failed: number }>(failedPerMinuteSql, [at]),
    Promise.all(deps.queues.all().map(queueDepth)),
    lastReconcileRun(deps),
    topPlayers(deps, { limit: 10 }),
    deps.db.pool.query(queueTotalsSql),
    communitySize(deps, Date.now()),
    // Coins set aside and not settled yet: the ledger's answer, whatever holds them.
    heldCoinsInTotal(deps.db.pool),
  ]);
  const failedAt = new Map(failed.rows.map((row) => [row.minute.getTime(), row.failed]));
  const t = totals.rows[0];
  return {
    at,
    /** The last 60 minutes, oldest first: events completed and events that failed for good. */
    eventsPerMinute: stats.throughput.series.map((point) => ({
      minute: point.minute.toISOString(),
      completed: point.completed,
      failed: failedAt.get(point.minute.getTime()) ?? 0,
    })),
    /** Open and failed events all; completed ones recorded in the last `completedWindowMinutes`. */
    countsByStatus: stats.byStatus,
    completedWindowMinutes: stats.completedWindowMinutes,
    throughputPerMinute: stats.throughput.perMinute,
    oldestPendingAgeSeconds: stats.oldestPendingAgeSeconds,
    queues,
    lastReconcile,
    topPlayers: leaders,
    totals: {
      /** Read at most once a minute (see `communityMaxAgeMs`). */
      players: community.players,
      linkedPlayers: community.linkedPlayers,
      heldPayouts: t.held_payouts as number,
      heldCoins: held,
      pendingSubmissions: t.pending_submissions as number,
      failedEvents: stats.byStatus.failed,
    },
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** A queue's jobs by state; with Redis away the dashboard still answers, saying so per queue. */
async function queueDepth(queue: Queue) {
  let timer: NodeJS.Timeout | undefined;
  try {
    const counts = await Promise.race([
      queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer')), queueTimeoutMs);
      }),
    ]);
    return {
      name: queue.name,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
      error: null,
    };
  } catch (error) {
    const zero = { waiting: null, active: null, delayed: null, failed: null, completed: null };
    return { name: queue.name, ...zero, error: `unreachable: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

async function lastReconcileRun(deps: AdminApiDeps) {
  const run = await deps.db.prisma.reconcileRun.findFirst({
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
  });
  if (!run) return null;
  const findings = Array.isArray(run.findings) ? run.findings : [];
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    playersChecked: run.playersChecked,
    totalsFixed: run.totalsFixed,
    rolesFixed: run.rolesFixed,
    eventsRequeued: run.eventsRequeued,
    errors: run.errors,
    findingsCount: findings.length,
    findings: findings.slice(0, maxFindingsShown),
  };
}
