import express, { type Router } from 'express';
import type { z } from 'zod';
import {
  type CreateRankInput,
  createRank,
  deleteRank,
  type UpdateRankInput,
  updateRank,
} from '../../catalog/manage-ranks.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** The rank table: every write through manage-ranks (validated, versioned, catalog dropped, announced). */

const rankFilter = filterSchema({
  id: oneOrMany(intValue),
  q: searchText,
  active: flag,
  /** Ranks that show as a Discord role. */
  hasRole: flag,
});

export const rankList: ListSpec<z.output<typeof rankFilter>> = {
  sortable: {
    id: 'id',
    name: 'name',
    minXp: 'minXp',
    priority: 'priority',
    active: 'active',
    updatedAt: 'updatedAt',
  },
  defaultSort: { field: 'priority', order: 'asc' },
  filter: rankFilter,
};

function rankWhere(filter: z.output<typeof rankFilter>): Prisma.RankWhereInput {
  return {
    id: inList(filter.id),
    name: filter.q ? containing(filter.q) : undefined,
    active: filter.active,
    ...(filter.hasRole === undefined ? {} : { discordRoleId: filter.hasRole ? { not: null } : null }),
  };
}

export function createRanksRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { rank } = deps.db.prisma;

  addListRoute(router, 'ranks', rankList, async (query) => {
    const where = rankWhere(query.filter);
    const [total, records] = await Promise.all([
      rank.count({ where }),
      rank.findMany({
        where,
        orderBy: prismaOrderBy(rankList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'rank',
    parseId: (value) => intParam(value, 'rank'),
    find: (id) => rank.findUnique({ where: { id } }),
    create: (body, req) => writeAsAdmin(deps, req, 'create', (d) => createRank(d, body as CreateRankInput)),
    update: (id, body, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'update', (d) =>
        updateRank(d, { ...(body as UpdateRankInput), id, expectedVersion }),
      ),
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteRank(d, { id, expectedVersion })),
  });

  return router;
}
