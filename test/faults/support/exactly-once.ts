import type { JobType, Queue } from 'bullmq';
import { expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { type EventType, isEconomyEventType } from '../../../src/ledger/event-schemas.ts';
import type { RedisConnection } from '../../../src/redis/connection.ts';
import type { Queues } from '../../../src/sync/queues.ts';
import { ledgerMatchesTotals } from '../../support/ledger.ts';

/** What the checks read: the database and the queues of the Tandem under test. */
export interface CheckedTandem {
  db: Database;
  queues: Queues;
  redis: RedisConnection;
}

/** Job states in which a job still has something to do (or is stuck doing it). */
const unfinishedStates: JobType[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

/**
 * Waits until the Tandem under test has nothing left to do: no sync event pending or processing and
 * no job waiting, running or delayed in the sync and notification queues (failed ones are done:
 * the checks report them). Throws with what is left after `timeoutMs`: a stuck event or job.
 */
export async function waitUntilDrained(t: CheckedTandem, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await eventsByStatus(t);
    const jobs = await unfinishedJobs(t);
    const open = (events.pending ?? 0) + (events.processing ?? 0);
    if (open === 0 && Object.keys(jobs).length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `still busy ${timeoutMs} ms after the load: events ${JSON.stringify(events)}, ` +
          `jobs ${JSON.stringify(jobs)}; open events: ${JSON.stringify(await openEvents(t))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The checks every fault scenario ends with:
 * - each submitted key has exactly one ledger row and one sync event, and no other row of the
 *   load's reason exists (nothing lost, nothing doubled);
 * - every sync event, derived ones included, is completed;
 * - no job is left waiting, active, delayed or failed in the sync and notification queues (a failed
 *   maintenance pass is not held against it: the next pass of the schedule does its work; the
 *   figures count them);
 * - every player's totals equal the sums of their ledger rows.
 */
export async function expectEveryEventOnce(
  t: CheckedTandem,
  expected: { keys: readonly string[]; reason: string },
): Promise<void> {
  const { pool } = t.db;
  const ledger = await pool.query<{ key: string; n: number }>(
    `SELECT idempotency_key AS key, count(*)::int AS n FROM ledger_entries WHERE reason = $1 GROUP BY 1`,
    [expected.reason],
  );
  const rows = new Map(ledger.rows.map((row) => [row.key, row.n]));
  const wanted = new Set(expected.keys);
  expect(wanted.size, 'the load submitted distinct keys').toBe(expected.keys.length);
  expect({
    missing: expected.keys.filter((key) => !rows.has(key)).slice(0, 5),
    doubled: [...rows].filter(([, n]) => n > 1).slice(0, 5),
    unexpected: [...rows.keys()].filter((key) => !wanted.has(key)).slice(0, 5),
    rows: ledger.rows.reduce((sum, row) => sum + row.n, 0),
  }).toEqual({ missing: [], doubled: [], unexpected: [], rows: expected.keys.length });

  const events = await pool.query<{ n: number; completed: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'completed')::int AS completed
       FROM sync_events WHERE idempotency_key = ANY($1)`,
    [expected.keys],
  );
  const all = await eventsByStatus(t);
  const allCompleted = Object.keys(all).join() === 'completed';
  // What is not completed, read only when something is not (it costs a few queries).
  const notCompleted = allCompleted ? '' : `; first not completed: ${JSON.stringify(await openEvents(t))}`;
  expect(events.rows[0], `the load's events${notCompleted}`).toEqual({
    n: expected.keys.length,
    completed: expected.keys.length,
  });
  expect(all, `sync events by status${notCompleted}`).toEqual({ completed: all.completed });

  const jobs = await unfinishedJobs(t, true);
  const failed = Object.keys(jobs).length > 0 ? `; failed jobs: ${JSON.stringify(await failedJobs(t))}` : '';
  expect(jobs, `jobs not done${failed}`).toEqual({});
  expect(await ledgerMatchesTotals(t), 'every total equals its ledger sum').toBe(true);
}

/** The first few events not completed, with the state of their job: what is stuck, and where. */
async function openEvents(t: CheckedTandem): Promise<unknown[]> {
  const { rows } = await t.db.pool.query<{
    key: string;
    type: EventType;
    status: string;
    attempts: number;
    processed_by: string | null;
    error_message: string | null;
  }>(
    `SELECT idempotency_key AS key, type, status, attempts, processed_by, error_message
       FROM sync_events WHERE status <> 'completed' ORDER BY status, created_at LIMIT 5`,
  );
  return Promise.all(
    rows.map(async (row) => {
      const queue = isEconomyEventType(row.type) ? t.queues.economy : t.queues.platform;
      const job = await queue.getJob(row.key);
      return { ...row, job: job ? { state: await job.getState(), attemptsMade: job.attemptsMade } : null };
    }),
  );
}

/** The first few failed jobs of each queue: why they failed, where their event is, what happened to them. */
async function failedJobs(t: CheckedTandem): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const queue of [t.queues.economy, t.queues.platform, t.queues.notifications, t.queues.maintenance]) {
    for (const job of await queue.getJobs(['failed'], 0, 2)) {
      const eventId = (job.data as { eventId?: string }).eventId;
      const { rows } = eventId
        ? await t.db.pool.query<{ status: string; attempts: number }>(
            'SELECT status, attempts FROM sync_events WHERE id = $1',
            [eventId],
          )
        : { rows: [] };
      found.push({
        queue: queue.name,
        job: job.id,
        reason: job.failedReason,
        attemptsMade: job.attemptsMade,
        stalled: job.stalledCounter,
        event: rows[0] ?? null,
        history: await jobHistory(t.redis, queue, job.id!),
      });
    }
  }
  return found;
}

/** What BullMQ's event stream says happened to one job, oldest first: `+120 ms active`, ... */
async function jobHistory(
  redis: RedisConnection,
  queue: Pick<Queue, 'keys'>,
  jobId: string,
): Promise<string[]> {
  const entries = await redis.xrange(queue.keys.events!, '-', '+');
  const first = Number(entries[0]?.[0].split('-')[0] ?? 0);
  return entries.flatMap(([id, fields]) => {
    const data = Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]]] : [])));
    return data.jobId === jobId ? [`+${Number(id.split('-')[0]) - first} ms ${data.event}`] : [];
  });
}

async function eventsByStatus(t: CheckedTandem): Promise<Record<string, number>> {
  const { rows } = await t.db.pool.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM sync_events GROUP BY status ORDER BY status',
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/**
 * Jobs of the sync and notification queues not done, by queue and state (`economy-events.waiting:
 * 3`); failed ones too with `includeFailed`. The maintenance queue always holds its schedulers'
 * next (delayed) jobs and may be running one: it is left out.
 */
async function unfinishedJobs(t: CheckedTandem, includeFailed = false): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const count = async (queue: Pick<Queue, 'name' | 'getJobCounts'>, states: JobType[]) => {
    const counts = await queue.getJobCounts(...states);
    for (const [state, n] of Object.entries(counts)) if (n > 0) found[`${queue.name}.${state}`] = n;
  };
  const { economy, platform, notifications } = t.queues;
  const states: JobType[] = [...unfinishedStates, ...(includeFailed ? (['failed'] as const) : [])];
  for (const queue of [economy, platform, notifications]) await count(queue, states);
  return found;
}
