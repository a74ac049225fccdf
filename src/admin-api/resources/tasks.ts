import express, { type Router } from 'express';
import type { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  type CreateTaskInput,
  createTask,
  deleteTask,
  type UpdateTaskInput,
  updateTask,
} from '../../tasks/manage-tasks.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** Tasks: every write through tasks/manage-tasks (validated, versioned, announced). */

const taskFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Part of the title. */
  q: searchText,
  active: flag,
});

export const taskList: ListSpec<z.output<typeof taskFilter>> = {
  sortable: {
    id: 'id',
    title: 'title',
    rewardXp: 'rewardXp',
    rewardCoins: 'rewardCoins',
    active: 'active',
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
  },
  defaultSort: { field: 'createdAt', order: 'desc' },
  filter: taskFilter,
};

const withPending = {
  _count: { select: { submissions: { where: { status: 'pending' } } } },
} as const satisfies Prisma.TaskInclude;
type TaskRow = Prisma.TaskGetPayload<{ include: typeof withPending }>;

/** A task with how many submissions wait for a decision. */
function taskRecord({ _count, ...task }: TaskRow) {
  return { ...task, pendingSubmissions: _count.submissions };
}

function taskWhere(filter: z.output<typeof taskFilter>): Prisma.TaskWhereInput {
  return {
    id: inList(filter.id),
    title: filter.q ? containing(filter.q) : undefined,
    active: filter.active,
  };
}

export function createTasksRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { task } = deps.db.prisma;
  const find = async (id: number) => {
    const row = await task.findUnique({ where: { id }, include: withPending });
    return row ? taskRecord(row) : null;
  };

  addListRoute(router, 'tasks', taskList, async (query) => {
    const where = taskWhere(query.filter);
    const [total, rows] = await Promise.all([
      task.count({ where }),
      task.findMany({
        where,
        orderBy: prismaOrderBy(taskList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        include: withPending,
      }),
    ]);
    return { total, records: rows.map(taskRecord) };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'task',
    parseId: (value) => intParam(value, 'task'),
    find,
    create: async (body, req) => {
      const created = await writeAsAdmin(deps, req, 'create', (d) => createTask(d, body as CreateTaskInput));
      return (await find(created.id))!;
    },
    update: async (id, body, expectedVersion, req) => {
      await writeAsAdmin(deps, req, 'update', (d) =>
        updateTask(d, { ...(body as UpdateTaskInput), id, expectedVersion }),
      );
      return (await find(id))!;
    },
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteTask(d, { id, expectedVersion })),
  });

  return router;
}
