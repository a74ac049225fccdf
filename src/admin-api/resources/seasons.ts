import express, { type Router } from 'express';
import type { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  type CreateSeasonInput,
  createSeason,
  deleteSeason,
  type UpdateSeasonInput,
  updateSeason,
} from '../../seasons/manage-seasons.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** Seasons: every write through seasons/manage-seasons (validated, versioned, announced). */

const seasonFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Part of the name. */
  q: searchText,
  closed: flag,
});

export const seasonList: ListSpec<z.output<typeof seasonFilter>> = {
  sortable: {
    id: 'id',
    name: 'name',
    startsAt: 'startsAt',
    endsAt: 'endsAt',
    recurrence: 'recurrence',
    closedAt: 'closedAt',
  },
  defaultSort: { field: 'startsAt', order: 'desc' },
  filter: seasonFilter,
};

const withResults = {
  results: { orderBy: { place: 'asc' } },
} as const satisfies Prisma.SeasonInclude;

function seasonWhere(filter: z.output<typeof seasonFilter>): Prisma.SeasonWhereInput {
  return {
    id: inList(filter.id),
    name: filter.q ? containing(filter.q) : undefined,
    closedAt: filter.closed === undefined ? undefined : filter.closed ? { not: null } : null,
  };
}

export function createSeasonsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { season } = deps.db.prisma;
  const find = (id: number) => season.findUnique({ where: { id }, include: withResults });

  addListRoute(router, 'seasons', seasonList, async (query) => {
    const where = seasonWhere(query.filter);
    const [total, records] = await Promise.all([
      season.count({ where }),
      season.findMany({
        where,
        orderBy: prismaOrderBy(seasonList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        include: withResults,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'season',
    parseId: (value) => intParam(value, 'season'),
    find,
    create: async (body, req) => {
      const created = await writeAsAdmin(deps, req, 'create', (d) =>
        createSeason(d, body as CreateSeasonInput),
      );
      return (await find(created.id))!;
    },
    update: async (id, body, expectedVersion, req) => {
      await writeAsAdmin(deps, req, 'update', (d) =>
        updateSeason(d, { ...(body as UpdateSeasonInput), id, expectedVersion }),
      );
      return (await find(id))!;
    },
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteSeason(d, { id, expectedVersion })),
  });

  return router;
}
