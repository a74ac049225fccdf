import express, { type Router } from 'express';
import type { z } from 'zod';
import {
  type CreateScenarioInput,
  createScenario,
  deleteScenario,
  type UpdateScenarioInput,
  updateScenario,
} from '../../content/scenarios.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** The bot's pages: every write through content/scenarios (validated, versioned, announced). */

const scenarioFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Title or slug. */
  q: searchText,
  active: flag,
  /** Scenarios that pay a reward when opened. */
  rewarding: flag,
});

export const scenarioList: ListSpec<z.output<typeof scenarioFilter>> = {
  sortable: {
    id: 'id',
    slug: 'slug',
    title: 'title',
    rewardXp: 'rewardXp',
    rewardCoins: 'rewardCoins',
    active: 'active',
    updatedAt: 'updatedAt',
  },
  defaultSort: { field: 'title', order: 'asc' },
  filter: scenarioFilter,
};

function scenarioWhere(filter: z.output<typeof scenarioFilter>): Prisma.ScenarioWhereInput {
  const pays = { OR: [{ rewardXp: { gt: 0 } }, { rewardCoins: { gt: 0 } }] };
  return {
    id: inList(filter.id),
    active: filter.active,
    AND: [
      ...(filter.q ? [{ OR: [{ title: containing(filter.q) }, { slug: containing(filter.q) }] }] : []),
      ...(filter.rewarding === undefined ? [] : [filter.rewarding ? pays : { NOT: pays }]),
    ],
  };
}

export function createScenariosRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { scenario } = deps.db.prisma;

  addListRoute(router, 'scenarios', scenarioList, async (query) => {
    const where = scenarioWhere(query.filter);
    const [total, records] = await Promise.all([
      scenario.count({ where }),
      scenario.findMany({
        where,
        orderBy: prismaOrderBy(scenarioList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'scenario',
    parseId: (value) => intParam(value, 'scenario'),
    find: (id) => scenario.findUnique({ where: { id } }),
    create: (body, req) =>
      writeAsAdmin(deps, req, 'create', (d) => createScenario(d, body as CreateScenarioInput)),
    update: (id, body, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'update', (d) =>
        updateScenario(d, { ...(body as UpdateScenarioInput), id, expectedVersion }),
      ),
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteScenario(d, { id, expectedVersion })),
  });

  return router;
}
