import express, { type Router } from 'express';
import { z } from 'zod';
import { bigintIdText, storedText } from '../../core/postgres-values.ts';
import type { AdminAudit, Prisma } from '../../generated/prisma/client.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { between, filterSchema, inList, instant, oneOrMany, uuidValue } from '../rest/filters.ts';
import { keysetPage } from '../rest/keyset-page.ts';
import type { KeysetSpec, ListSpec } from '../rest/list-query.ts';
import { bigintParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/**
 * The audit trail, read-only: rows are written by the database in the transaction of each admin
 * write, and a trigger refuses to change or delete them. Admins only: it shows every account's
 * actions and the rows they touched.
 */

export const auditedEntities = [
  'menu_buttons',
  'scenarios',
  'tasks',
  'ranks',
  'achievements',
  'settings',
  'admins',
  'players',
  'task_submissions',
  'payouts',
  'sync_events',
  'text_overrides',
  'boosts',
  'shop_items',
  'shop_purchases',
] as const;

const auditFilter = filterSchema({
  id: oneOrMany(bigintIdText),
  /** Who acted. */
  adminId: oneOrMany(uuidValue),
  entity: oneOrMany(z.enum(auditedEntities, { message: `must be one of ${auditedEntities.join(', ')}` })),
  entityId: oneOrMany(storedText().trim().min(1).max(200)),
  action: oneOrMany(storedText().trim().min(1).max(32)),
  createdAt_gte: instant,
  createdAt_lte: instant,
});

/** Every admin write adds rows: paged by key on what its indexes order (the id and the time). */
export const auditList: ListSpec<z.output<typeof auditFilter>> & { keyset: KeysetSpec } = {
  sortable: { id: 'id', createdAt: 'createdAt' },
  defaultSort: { field: 'id', order: 'desc' },
  filter: auditFilter,
  keyset: { keys: { id: 'bigint', createdAt: 'instant' }, id: 'bigint' },
};

function auditWhere(filter: z.output<typeof auditFilter>): Prisma.AdminAuditWhereInput {
  return {
    id: inList(filter.id?.map((id) => BigInt(id))),
    adminId: inList(filter.adminId),
    entity: inList(filter.entity),
    entityId: inList(filter.entityId),
    action: inList(filter.action),
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
  };
}

/** The 64-bit id as a string, as JSON can carry it. */
function auditRecord({ id, ...row }: AdminAudit) {
  return { ...row, id: id.toString() };
}

export function createAuditRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { adminAudit } = deps.db.prisma;
  router.use((req, res, next) => {
    if (req.admin?.role !== 'admin') throw new HttpError(403, 'Only admins can read the audit trail.');
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.set('Allow', 'GET, HEAD');
    throw new HttpError(405, 'The audit trail is read-only: its entries are never changed or deleted.');
  });

  addListRoute(router, 'audit', auditList, async (query) => {
    const { rows, ...position } = await keysetPage(auditList, query, auditWhere(query.filter), {
      find: (args) => adminAudit.findMany(args),
      ids: (args) => adminAudit.findMany({ ...args, select: { id: true } }),
    });
    return { ...position, records: rows.map(auditRecord) };
  });

  addRecordRoutes(router, {
    what: 'audit entry',
    parseId: (value) => bigintParam(value, 'audit entry'),
    find: async (id) => {
      const row = await adminAudit.findUnique({ where: { id } });
      return row ? auditRecord(row) : null;
    },
  });

  return router;
}
