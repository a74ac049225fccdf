import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AdminApiDeps } from '../deps.ts';
import {
  between,
  containing,
  filterSchema,
  inList,
  instant,
  intValue,
  oneOrMany,
  searchText,
  uuidValue,
} from '../rest/filters.ts';
import type { ListQuery, ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';

/** Task submissions as the panel lists them: with the task's title and reward and the player's name. */

const submissionStatuses = ['pending', 'approved', 'rejected'] as const;

const submissionFilter = filterSchema({
  id: oneOrMany(uuidValue),
  status: oneOrMany(
    z.enum(submissionStatuses, { message: `must be one of ${submissionStatuses.join(', ')}` }),
  ),
  taskId: oneOrMany(intValue),
  playerId: oneOrMany(uuidValue),
  platform: z.enum(['telegram', 'discord'], { message: 'must be telegram or discord' }).optional(),
  /** Part of the proof, the task's title or the player's name. */
  q: searchText,
  createdAt_gte: instant,
  createdAt_lte: instant,
});
type SubmissionFilter = z.output<typeof submissionFilter>;

export const submissionList: ListSpec<SubmissionFilter> = {
  sortable: {
    id: 'id',
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
    decidedAt: 'decidedAt',
    status: 'status',
    taskId: 'taskId',
    taskTitle: 'task.title',
    playerName: 'player.displayName',
  },
  // Oldest first: the queue of proof waiting for a decision.
  defaultSort: { field: 'createdAt', order: 'asc' },
  filter: submissionFilter,
};

const withTaskAndPlayer = {
  task: { select: { title: true, rewardXp: true, rewardCoins: true } },
  player: { select: { displayName: true } },
} as const satisfies Prisma.TaskSubmissionInclude;
type SubmissionRow = Prisma.TaskSubmissionGetPayload<{ include: typeof withTaskAndPlayer }>;

function submissionRecord({ task, player, ...submission }: SubmissionRow) {
  return {
    ...submission,
    taskTitle: task.title,
    rewardXp: task.rewardXp,
    rewardCoins: task.rewardCoins,
    playerName: player.displayName,
  };
}
export type SubmissionRecord = ReturnType<typeof submissionRecord>;

function submissionWhere(filter: SubmissionFilter): Prisma.TaskSubmissionWhereInput {
  return {
    id: inList(filter.id),
    status: inList(filter.status),
    taskId: inList(filter.taskId),
    playerId: inList(filter.playerId),
    platform: filter.platform,
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
    ...(filter.q
      ? {
          OR: [
            { proof: containing(filter.q) },
            { task: { title: containing(filter.q) } },
            { player: { displayName: containing(filter.q) } },
          ],
        }
      : {}),
  };
}

export async function listSubmissions(deps: AdminApiDeps, query: ListQuery<SubmissionFilter>) {
  const where = submissionWhere(query.filter);
  const [total, rows] = await Promise.all([
    deps.db.prisma.taskSubmission.count({ where }),
    deps.db.prisma.taskSubmission.findMany({
      where,
      orderBy: prismaOrderBy(submissionList.sortable, query.sort),
      skip: query.skip,
      take: query.take,
      include: withTaskAndPlayer,
    }),
  ]);
  return { total, records: rows.map(submissionRecord) };
}

export async function findSubmissionRecord(deps: AdminApiDeps, id: string): Promise<SubmissionRecord | null> {
  const row = await deps.db.prisma.taskSubmission.findUnique({ where: { id }, include: withTaskAndPlayer });
  return row ? submissionRecord(row) : null;
}
