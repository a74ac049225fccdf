import express, { type Router } from 'express';
import type { z } from 'zod';
import {
  type CreateMenuButtonInput,
  createMenuButton,
  deleteMenuButton,
  type UpdateMenuButtonInput,
  updateMenuButton,
} from '../../content/menu-buttons.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** The Telegram main menu: every write through content/menu-buttons (validated, versioned, announced). */

const buttonFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Part of the label. */
  q: searchText,
  active: flag,
  scenarioId: oneOrMany(intValue),
});

export const menuButtonList: ListSpec<z.output<typeof buttonFilter>> = {
  sortable: { id: 'id', label: 'label', position: 'position', active: 'active', updatedAt: 'updatedAt' },
  // The order players see them in.
  defaultSort: { field: 'position', order: 'asc' },
  filter: buttonFilter,
};

function buttonWhere(filter: z.output<typeof buttonFilter>): Prisma.MenuButtonWhereInput {
  return {
    id: inList(filter.id),
    label: filter.q ? containing(filter.q) : undefined,
    active: filter.active,
    scenarioId: inList(filter.scenarioId),
  };
}

export function createMenuButtonsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { menuButton } = deps.db.prisma;

  addListRoute(router, 'menu_buttons', menuButtonList, async (query) => {
    const where = buttonWhere(query.filter);
    const [total, records] = await Promise.all([
      menuButton.count({ where }),
      menuButton.findMany({
        where,
        orderBy: prismaOrderBy(menuButtonList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'menu button',
    parseId: (value) => intParam(value, 'menu button'),
    find: (id) => menuButton.findUnique({ where: { id } }),
    create: (body, req) =>
      writeAsAdmin(deps, req, 'create', (d) => createMenuButton(d, body as CreateMenuButtonInput)),
    update: (id, body, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'update', (d) =>
        updateMenuButton(d, { ...(body as UpdateMenuButtonInput), id, expectedVersion }),
      ),
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteMenuButton(d, { id, expectedVersion })),
  });

  return router;
}
