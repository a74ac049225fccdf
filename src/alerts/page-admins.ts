import type { Queryable } from '../db/queryable.ts';
import { paceOf, summaryDue } from './pacing.ts';
import type { PagerWindows } from './pager-conditions.ts';
import type { PageJob } from './pager-texts.ts';
import { pageMessage } from './pager-texts.ts';

export interface PagingContext {
  pool: Queryable;
  enqueuePage(dedupId: string, job: PageJob): Promise<void>;
}

interface Target {
  admin_id: string;
  platform: 'telegram' | 'discord';
  platform_user_id: string;
  language: string | null;
}

interface IncidentRow {
  id: string;
  started_at: Date;
  resolved_at: Date | null;
  details: Record<string, unknown>;
}

// Only active admins who signed up are ever paged; a player is never anyone's target.
const targetsSql = `
SELECT t.admin_id, t.platform, t.platform_user_id, t.language
  FROM admin_pager_targets t JOIN admins a ON a.id = t.admin_id
 WHERE a.active`;

/**
 * Hands the pages due to the notifications queue: "opened" to every admin signed up when an
 * incident opens, "resolved" to those told it opened, and the summaries of folded pages. Each page
 * is a row first (unique per incident, admin, platform and kind), then a job whose id is the same
 * identity: run twice, nothing is sent twice. Returns the pages handed over.
 */
export async function pageAdmins(ctx: PagingContext, windows: PagerWindows, now: number): Promise<number> {
  let pages = 0;
  const { rows: targets } = await ctx.pool.query<Target>(targetsSql);
  const { rows: openedDue } = await ctx.pool.query<IncidentRow>(
    `SELECT id, started_at, resolved_at, details FROM alert_incidents
      WHERE opened_notified_at IS NULL ORDER BY started_at`,
  );
  for (const incident of openedDue) {
    // Resolved before anyone was told (no admin signed up then): nothing to tell now.
    if (!incident.resolved_at) {
      for (const target of targets) pages += await deliver(ctx, windows, now, incident, target, 'opened');
    }
    await ctx.pool.query('UPDATE alert_incidents SET opened_notified_at = $2 WHERE id = $1', [
      incident.id,
      new Date(now),
    ]);
  }
  const { rows: resolvedDue } = await ctx.pool.query<IncidentRow>(
    `SELECT id, started_at, resolved_at, details FROM alert_incidents
      WHERE resolved_at IS NOT NULL AND resolved_notified_at IS NULL AND opened_notified_at IS NOT NULL
      ORDER BY resolved_at`,
  );
  for (const incident of resolvedDue) {
    const { rows: told } = await ctx.pool.query<{ admin_id: string; platform: string }>(
      `SELECT DISTINCT admin_id, platform::text FROM alert_pages WHERE incident_id = $1 AND kind = 'opened'`,
      [incident.id],
    );
    for (const target of targets) {
      if (!told.some((t) => t.admin_id === target.admin_id && t.platform === target.platform)) continue;
      pages += await deliver(ctx, windows, now, incident, target, 'resolved');
    }
    await ctx.pool.query('UPDATE alert_incidents SET resolved_notified_at = $2 WHERE id = $1', [
      incident.id,
      new Date(now),
    ]);
  }
  for (const target of targets) pages += await summarizeFolded(ctx, windows, now, target);
  return pages;
}

async function deliver(
  ctx: PagingContext,
  windows: PagerWindows,
  now: number,
  incident: IncidentRow,
  target: Target,
  kind: 'opened' | 'resolved',
): Promise<number> {
  const { rows: sent } = await ctx.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM alert_pages
      WHERE admin_id = $1 AND platform = $2 AND NOT folded AND created_at > $3`,
    [target.admin_id, target.platform, new Date(now - windows.pacingWindowMs)],
  );
  const folded = paceOf(sent[0]?.n ?? 0, windows) === 'fold';
  await ctx.pool.query(
    `INSERT INTO alert_pages (incident_id, admin_id, platform, kind, folded, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [incident.id, target.admin_id, target.platform, kind, folded, new Date(now)],
  );
  // A page recorded by an earlier run keeps the pace it was given then.
  const { rows } = await ctx.pool.query<{ folded: boolean }>(
    `SELECT folded FROM alert_pages WHERE incident_id = $1 AND admin_id = $2 AND platform = $3 AND kind = $4`,
    [incident.id, target.admin_id, target.platform, kind],
  );
  if (rows[0]?.folded !== false) return 0;
  await ctx.enqueuePage(`page-${incident.id}-${kind}-${target.admin_id}-${target.platform}`, {
    platform: target.platform,
    platformUserId: target.platform_user_id,
    ...(target.language ? { language: target.language } : {}),
    message: pageMessage(kind, incident, now),
  });
  return 1;
}

async function summarizeFolded(
  ctx: PagingContext,
  windows: PagerWindows,
  now: number,
  target: Target,
): Promise<number> {
  const { rows } = await ctx.pool.query<{ id: string; created_at: Date }>(
    `SELECT id::text, created_at FROM alert_pages
      WHERE admin_id = $1 AND platform = $2 AND folded AND summarized_at IS NULL ORDER BY id`,
    [target.admin_id, target.platform],
  );
  if (!summaryDue(rows[0]?.created_at.getTime() ?? null, now, windows)) return 0;
  const lastId = rows.at(-1)!.id;
  await ctx.enqueuePage(`page-summary-${target.admin_id}-${target.platform}-${lastId}`, {
    platform: target.platform,
    platformUserId: target.platform_user_id,
    ...(target.language ? { language: target.language } : {}),
    message: { key: 'pager.summary', params: { count: rows.length } },
  });
  await ctx.pool.query(
    `UPDATE alert_pages SET summarized_at = $4
      WHERE admin_id = $1 AND platform = $2 AND folded AND summarized_at IS NULL AND id <= $3`,
    [target.admin_id, target.platform, lastId, new Date(now)],
  );
  return 1;
}
