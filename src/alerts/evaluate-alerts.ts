import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Queryable } from '../db/queryable.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisConnection } from '../redis/connection.ts';
import { alertKeys } from './alert-signals.ts';
import { readAlertSnapshot } from './alert-snapshot.ts';
import { forgetHeartbeats } from './heartbeat.ts';
import { type ConditionTrack, stepIncident, untracked } from './incident-rules.ts';
import { pageAdmins } from './page-admins.ts';
import { type PagerWindows, pagerWindows } from './pager-conditions.ts';
import type { PageJob } from './pager-texts.ts';
import { type ConditionReading, readConditions } from './read-conditions.ts';

export interface AlertContext {
  pool: Queryable;
  /** The producer connection: signals, condition tracks and the evaluation's lock. */
  redis: RedisConnection;
  prefix: string;
  /** The queues whose depth is watched. */
  queues: Queue[];
  /** Where pages go: the notifications queue, paced and deduplicated by job id. */
  enqueuePage(dedupId: string, job: PageJob): Promise<void>;
  logger: Logger;
  changes?: ChangePublisher;
}

export interface AlertEvaluation {
  opened: string[];
  resolved: string[];
  pages: number;
  /** Another evaluation held the lock: this one did nothing. */
  skipped?: true;
}

/**
 * One tick of the pager: reads every condition, opens and resolves incidents, and hands the pages
 * due to the notifications queue. One evaluation at a time (a Redis lock); and the database keeps
 * one open incident per condition and one page per incident, admin, platform and kind, so a tick
 * that runs twice changes nothing the second time.
 */
export async function evaluateAlerts(
  ctx: AlertContext,
  options: Partial<PagerWindows> = {},
  now: number = Date.now(),
): Promise<AlertEvaluation> {
  const windows = pagerWindows(options);
  const keys = alertKeys(ctx.prefix);
  const token = randomUUID();
  if ((await ctx.redis.set(keys.evaluateLock, token, 'PX', 60_000, 'NX')) !== 'OK') {
    return { opened: [], resolved: [], pages: 0, skipped: true };
  }
  try {
    const snapshot = await readAlertSnapshot(ctx, windows, now);
    const readings = readConditions(snapshot, windows);
    const { opened, resolved } = await applyReadings(ctx, readings, windows, now);
    const forgotten = snapshot.heartbeats.filter((beat) => now - beat.at > windows.heartbeatForgetMs);
    await forgetHeartbeats(
      ctx.redis,
      ctx.prefix,
      forgotten.map((beat) => beat.name),
    );
    const pages = await pageAdmins(ctx, windows, now);
    if (opened.length || resolved.length || pages) {
      await ctx.changes?.publish({ entity: 'alert_incidents', action: 'updated', id: 'all' });
    }
    if (opened.length || resolved.length) ctx.logger.warn({ opened, resolved }, 'alert incidents changed');
    return { opened, resolved, pages };
  } finally {
    await ctx.redis.eval(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
      1,
      keys.evaluateLock,
      token,
    );
  }
}

async function applyReadings(
  ctx: AlertContext,
  readings: ConditionReading[],
  windows: PagerWindows,
  now: number,
): Promise<{ opened: string[]; resolved: string[] }> {
  const keys = alertKeys(ctx.prefix);
  const { rows: openRows } = await ctx.pool.query<{ id: string; condition_key: string }>(
    'SELECT id, condition_key FROM alert_incidents WHERE resolved_at IS NULL',
  );
  const openByKey = new Map(openRows.map((row) => [row.condition_key, row.id]));
  const tracks = await ctx.redis.hgetall(keys.conditions);
  const byKey = new Map(readings.map((reading) => [reading.key, reading]));
  const opened: string[] = [];
  const resolved: string[] = [];
  const keep: Record<string, string> = {};
  const drop: string[] = [];
  for (const key of new Set([...byKey.keys(), ...openByKey.keys(), ...Object.keys(tracks)])) {
    const reading = byKey.get(key);
    const { track, step } = stepIncident(
      parseTrack(tracks[key]),
      openByKey.has(key),
      reading?.holds ?? false,
      now,
      { holdForMs: reading?.holdForMs ?? 0, resolveAfterClearMs: windows.resolveAfterClearMs },
    );
    if (track.holdingSince === null && track.clearSince === null) drop.push(key);
    else keep[key] = JSON.stringify(track);
    if (step.action === 'open' && reading) {
      const details = { kind: reading.kind, ...reading.details };
      const { rowCount } = await ctx.pool.query(
        `INSERT INTO alert_incidents (condition_key, started_at, details) VALUES ($1, $2, $3)
         ON CONFLICT (condition_key) WHERE resolved_at IS NULL DO NOTHING`,
        [key, new Date(step.startedAt), JSON.stringify(details)],
      );
      if (rowCount) opened.push(key);
    } else if (step.action === 'resolve') {
      const { rowCount } = await ctx.pool.query(
        'UPDATE alert_incidents SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL',
        [openByKey.get(key), new Date(Math.max(step.clearSince, 0))],
      );
      if (rowCount) resolved.push(key);
    }
  }
  if (Object.keys(keep).length) await ctx.redis.hset(keys.conditions, keep);
  const stale = drop.filter((key) => key in tracks);
  if (stale.length) await ctx.redis.hdel(keys.conditions, ...stale);
  return { opened, resolved };
}

function parseTrack(value: string | undefined): ConditionTrack {
  if (!value) return untracked;
  try {
    const parsed = JSON.parse(value) as Partial<ConditionTrack>;
    const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return { holdingSince: time(parsed.holdingSince), clearSince: time(parsed.clearSince) };
  } catch {
    return untracked;
  }
}
