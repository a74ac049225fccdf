import express, { type Router } from 'express';
import type { z } from 'zod';
import {
  type CreateBoostInput,
  createBoost,
  deleteBoost,
  type UpdateBoostInput,
  updateBoost,
} from '../../boosts/manage-boosts.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { scheduleBoostStart } from '../../sync/maintenance/boost-starts.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** Boost events: every write through boosts/manage-boosts (validated, versioned, announced). */

const boostFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Part of the name. */
  q: searchText,
  active: flag,
});

export const boostList: ListSpec<z.output<typeof boostFilter>> = {
  sortable: {
    id: 'id',
    name: 'name',
    startsAt: 'startsAt',
    endsAt: 'endsAt',
    factor: 'factor',
    active: 'active',
  },
  defaultSort: { field: 'startsAt', order: 'desc' },
  filter: boostFilter,
};

function boostWhere(filter: z.output<typeof boostFilter>): Prisma.BoostWhereInput {
  return { id: inList(filter.id), name: filter.q ? containing(filter.q) : undefined, active: filter.active };
}

export function createBoostsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { boost } = deps.db.prisma;
  const find = (id: number) => boost.findUnique({ where: { id } });

  addListRoute(router, 'boosts', boostList, async (query) => {
    const where = boostWhere(query.filter);
    const [total, records] = await Promise.all([
      boost.count({ where }),
      boost.findMany({
        where,
        orderBy: prismaOrderBy(boostList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'boost',
    parseId: (value) => intParam(value, 'boost'),
    find,
    // The start's job is added once the save has committed, so it never runs ahead of the row.
    create: async (body, req) => {
      const created = await writeAsAdmin(deps, req, 'create', (d) =>
        createBoost(d, body as CreateBoostInput),
      );
      await scheduleBoostStart(deps.queues, created);
      return created;
    },
    update: async (id, body, expectedVersion, req) => {
      const updated = await writeAsAdmin(deps, req, 'update', (d) =>
        updateBoost(d, { ...(body as UpdateBoostInput), id, expectedVersion }),
      );
      await scheduleBoostStart(deps.queues, updated);
      return updated;
    },
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteBoost(d, { id, expectedVersion })),
  });

  return router;
}
