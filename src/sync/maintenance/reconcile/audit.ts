import { inTransaction } from '../../../db/in-transaction.ts';
import type { Queryable } from '../../../db/queryable.ts';
import type { SyncContext } from '../../context.ts';
import type { Queues } from '../../queues.ts';
import { maxStoredFindings, Tally } from './findings.ts';
import { verifyAccounts } from './verify-accounts.ts';

/**
 * The full audit an admin asks for: every player's totals and progress counters recomputed from
 * their whole ledger history (through the (player_id, created_at) index, a page of players at a
 * time), drift restored and reported as a reconcile run does, and every checkpoint rewritten. One
 * maintenance job per page: the audit's row keeps its cursor, committed with each page, so a crash
 * loses at most the page in hand, and the scheduled reconcile hands back an audit whose next job was
 * lost. Other maintenance work runs between the pages.
 */

export interface ReconcileAuditProgress {
  id: number;
  requestedBy: string | null;
  pageSize: number;
  /** Players up to this id are audited; null before the first page. */
  afterPlayerId: string | null;
  pages: number;
  playersChecked: number;
  totalsFixed: number;
  chainBreaks: number;
  errors: number;
  found: number;
  findings: unknown[];
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export class AuditRunningError extends Error {
  override name = 'AuditRunningError';
  constructor(readonly audit: ReconcileAuditProgress) {
    super(`Audit #${audit.id} is still running (${audit.playersChecked} players checked so far)`);
  }
}

/** @defaultValue 1000 players a page */
export const defaultAuditPageSize = 1000;

const auditColumns = `id, requested_by AS "requestedBy", page_size AS "pageSize", after_player_id AS "afterPlayerId",
  pages, players_checked AS "playersChecked", totals_fixed AS "totalsFixed", chain_breaks AS "chainBreaks",
  errors, found, findings, started_at AS "startedAt", updated_at AS "updatedAt", finished_at AS "finishedAt"`;

/** The newest audit, finished or not: what `GET /api/reconcile/audit` shows. */
export async function latestAudit(db: Queryable): Promise<ReconcileAuditProgress | null> {
  const { rows } = await db.query<ReconcileAuditProgress>(
    `SELECT ${auditColumns} FROM reconcile_audits ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}

async function runningAudit(db: Queryable): Promise<ReconcileAuditProgress | null> {
  const { rows } = await db.query<ReconcileAuditProgress>(
    `SELECT ${auditColumns} FROM reconcile_audits WHERE finished_at IS NULL ORDER BY id LIMIT 1`,
  );
  return rows[0] ?? null;
}

/** The job that audits the next page of the running audit; its id names the page, so it is queued once. */
export async function queueAuditPage(
  queues: Pick<Queues, 'maintenance'>,
  audit: Pick<ReconcileAuditProgress, 'id' | 'pages'>,
): Promise<void> {
  await queues.maintenance.add(
    'reconcile-audit',
    { task: 'reconcile-audit' },
    { jobId: `reconcile-audit-${audit.id}-${audit.pages}` },
  );
}

/**
 * Starts an audit and queues its first page. One audit runs at a time: while one is unfinished,
 * starting another throws AuditRunningError (a transaction-scoped advisory lock makes the check and
 * the insert one step for concurrent requests).
 */
export async function startAudit(
  ctx: Pick<SyncContext, 'db' | 'queues'>,
  input: { requestedBy: string | null; pageSize?: number },
): Promise<ReconcileAuditProgress> {
  const audit = await inTransaction(ctx.db.pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('reconcile_audits'))`);
    const running = await runningAudit(client);
    if (running) throw new AuditRunningError(running);
    const { rows } = await client.query<ReconcileAuditProgress>(
      `INSERT INTO reconcile_audits (requested_by, page_size) VALUES ($1, $2) RETURNING ${auditColumns}`,
      [input.requestedBy, input.pageSize ?? defaultAuditPageSize],
    );
    return rows[0]!;
  });
  await queueAuditPage(ctx.queues, audit);
  return audit;
}

/**
 * Audits the next page of the running audit and commits its cursor with the page's counts; queues
 * the page after it unless this was the last. Pages run one at a time (an advisory lock of a
 * transaction held open on a guard connection while the page's statements go through the pool:
 * transaction-scoped, so a pooler in transaction mode keeps it on one server connection; released
 * by the database if the process dies); a job that finds a page in hand returns, and a page
 * whose cursor moved meanwhile keeps no counts, so no page is counted twice. Verifying a player
 * twice changes nothing the second time.
 */
export async function auditNextPage(ctx: SyncContext): Promise<ReconcileAuditProgress | null> {
  const guard = await ctx.db.pool.connect();
  try {
    await guard.query('BEGIN');
    const { rows } = await guard.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('reconcile_audit_page')) AS locked`,
    );
    if (!rows[0]?.locked) return await runningAudit(ctx.db.pool);
    return await auditPage(ctx);
  } finally {
    // The guard's transaction wrote nothing: ending it releases the lock. A connection that cannot
    // end it is dropped from the pool rather than handed out inside a transaction.
    const failed = await guard.query('ROLLBACK').then(
      () => undefined,
      (error: Error) => error,
    );
    guard.release(failed);
  }
}

async function auditPage(ctx: SyncContext): Promise<ReconcileAuditProgress | null> {
  const audit = await runningAudit(ctx.db.pool);
  if (!audit) return null;
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    'SELECT id FROM players WHERE id > coalesce($1::uuid, $2::uuid) ORDER BY id LIMIT $3',
    [audit.afterPlayerId, '00000000-0000-0000-0000-000000000000', audit.pageSize],
  );
  const ids = rows.map((r) => r.id);
  const tally = new Tally();
  await verifyAccounts(ctx, ids, { fromScratch: true }, tally);
  const last = ids.at(-1) ?? audit.afterPlayerId;
  const done = ids.length < audit.pageSize;
  const kept = tally.findings().filter((f) => f.kind !== 'truncated');
  const saved = await ctx.db.pool.query<ReconcileAuditProgress>(
    `UPDATE reconcile_audits SET after_player_id = $3, pages = pages + 1,
            players_checked = players_checked + $4, totals_fixed = totals_fixed + $5,
            chain_breaks = chain_breaks + $6, errors = errors + $7, found = found + $8,
            findings = CASE WHEN jsonb_array_length(findings) >= $10 THEN findings
                            ELSE findings || (SELECT coalesce(jsonb_agg(f), '[]') FROM
                                               (SELECT f FROM jsonb_array_elements($9::jsonb) f
                                                 LIMIT $10 - jsonb_array_length(findings)) kept) END,
            updated_at = now(), finished_at = CASE WHEN $11 THEN now() END
      WHERE id = $1 AND finished_at IS NULL AND after_player_id IS NOT DISTINCT FROM $2::uuid
      RETURNING ${auditColumns}`,
    [
      audit.id,
      audit.afterPlayerId,
      last,
      tally.report.totalsChecked,
      tally.report.totalsFixed,
      tally.report.chainBreaks,
      tally.report.errors,
      tally.found,
      JSON.stringify(kept),
      maxStoredFindings,
      done,
    ],
  );
  const progress = saved.rows[0];
  if (!progress) return runningAudit(ctx.db.pool);
  if (progress.finishedAt) {
    ctx.logger.info(
      { audit: { ...progress, findings: undefined } },
      `reconcile audit #${progress.id} finished: ${progress.playersChecked} players, ` +
        `${progress.totalsFixed} totals fixed, ${progress.chainBreaks} chain breaks, ${progress.errors} errors`,
    );
  } else {
    await queueAuditPage(ctx.queues, progress);
  }
  return progress;
}

/**
 * Queues the next page of an audit that has not moved for `quietMs` (its job lost with Redis, or
 * never queued by a process that died between a page and the next): the job id names the page, so
 * a job still waiting is not queued twice.
 */
export async function resumeQuietAudit(
  ctx: Pick<SyncContext, 'db' | 'queues'>,
  quietMs = 5 * 60_000,
): Promise<boolean> {
  const audit = await runningAudit(ctx.db.pool);
  if (!audit || Date.now() - audit.updatedAt.getTime() < quietMs) return false;
  await queueAuditPage(ctx.queues, audit);
  return true;
}
