import type { Request } from 'express';
import { type AuditActor, auditActorSetting, auditedEngine, auditedPool } from '../../audit/audit-actor.ts';
import type { PrismaClient } from '../../db/database.ts';
import type { EntityChange } from '../../live/changes.ts';
import type { AdminApiDeps } from '../deps.ts';
import { withReadsAfterFailure } from './fallback-reads.ts';

/**
 * The two ways a route runs an admin's write so that the audit trail names them; each route makes
 * one of these calls per write and otherwise calls its service as before.
 */

/** The signed-in admin behind a request, doing `action`. */
export function auditActorOf(req: Request, action: string): AuditActor {
  const admin = req.admin;
  // The session guard runs before every resource route: a write without an admin is a wiring bug.
  if (!admin) throw new Error('An admin write reached a route without a signed-in admin.');
  return { adminId: admin.id, username: admin.username, address: req.ip ?? null, action };
}

/**
 * For services that write with single SQL statements or through the engine (decisions,
 * adjustments, settings, retries): their deps, with each statement and each engine transaction
 * naming the admin, so every write is audited in its own transaction.
 */
export function auditedDeps(deps: AdminApiDeps, req: Request, action: string): AdminApiDeps {
  const actor = auditActorOf(req, action);
  return {
    ...deps,
    db: { ...deps.db, pool: auditedPool(deps.db.pool, actor) },
    engine: auditedEngine(deps.engine, actor),
  };
}

/**
 * For services that write through Prisma (content, ranks, achievements, tasks, admins, renames):
 * runs `write` in one Prisma transaction that names the admin, with deps whose `prisma` is that
 * transaction. Announcements and cache drops the service makes wait until it has committed, so no
 * reader fetches the record before the change is visible.
 */
export async function writeAsAdmin<T>(
  deps: AdminApiDeps,
  req: Request,
  action: string,
  write: (deps: AdminApiDeps) => Promise<T>,
): Promise<T> {
  const actor = auditActorOf(req, action);
  const announcements: EntityChange[] = [];
  let catalogChanged = false;
  const catalog = Object.create(deps.catalog) as AdminApiDeps['catalog'];
  catalog.invalidate = () => {
    catalogChanged = true;
  };
  const result = await deps.db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config(${auditActorSetting}, ${JSON.stringify(actor)}, true)`;
      return write({
        ...deps,
        // A transaction client lacks only $transaction & co., which no admin service calls.
        db: { ...deps.db, prisma: withReadsAfterFailure(tx as unknown as PrismaClient, deps.db.prisma) },
        changes: {
          publish: async (change) => {
            announcements.push(change);
          },
        },
        catalog,
      });
    },
    // Hashing a new admin's password happens inside; on a busy machine it takes a while.
    { timeout: 20_000, maxWait: 10_000 },
  );
  if (catalogChanged) deps.catalog.invalidate();
  for (const change of announcements) await deps.changes.publish(change);
  return result;
}
