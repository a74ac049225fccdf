import express, { type Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  adminAccountColumns,
  type CreateAdminInput,
  createAdmin,
  type UpdateAdminInput,
  updateAdmin,
} from '../admins/manage-admins.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, oneOrMany, searchText, uuidValue } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { uuidParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';
import { requireAdminRole } from './acting-admin.ts';

/** The panel's accounts, for admins only (reads included); password hashes never leave the database. */

const adminFilter = filterSchema({
  id: oneOrMany(uuidValue),
  /** Part of the username. */
  q: searchText,
  role: z.enum(['admin', 'operator'], { message: 'must be admin or operator' }).optional(),
  active: flag,
});

export const adminList: ListSpec<z.output<typeof adminFilter>> = {
  sortable: {
    id: 'id',
    username: 'username',
    role: 'role',
    active: 'active',
    lastLoginAt: 'lastLoginAt',
    createdAt: 'createdAt',
  },
  defaultSort: { field: 'username', order: 'asc' },
  filter: adminFilter,
};

function adminWhere(filter: z.output<typeof adminFilter>): Prisma.AdminWhereInput {
  return {
    id: inList(filter.id),
    username: filter.q ? containing(filter.q) : undefined,
    role: filter.role,
    active: filter.active,
  };
}

export function createAdminsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { admin } = deps.db.prisma;
  router.use((req, _res, next) => {
    requireAdminRole(req);
    next();
  });

  addListRoute(router, 'admins', adminList, async (query) => {
    const where = adminWhere(query.filter);
    const [total, records] = await Promise.all([
      admin.count({ where }),
      admin.findMany({
        where,
        orderBy: prismaOrderBy(adminList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        select: adminAccountColumns,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'admin',
    parseId: (value) => uuidParam(value, 'admin'),
    find: (id) => admin.findUnique({ where: { id }, select: adminAccountColumns }),
    create: (body, req) => writeAsAdmin(deps, req, 'create', (d) => createAdmin(d, body as CreateAdminInput)),
    update: (id, body, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'update', (d) =>
        updateAdmin(d, {
          ...(body as UpdateAdminInput),
          id,
          expectedVersion,
          actingAdminId: requireAdminRole(req).id,
        }),
      ),
  });

  return router;
}
