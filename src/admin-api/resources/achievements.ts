import express, { type Router } from 'express';
import { z } from 'zod';
import {
  type CreateAchievementInput,
  createAchievement,
  deleteAchievement,
  type UpdateAchievementInput,
  updateAchievement,
} from '../../catalog/manage-achievements.ts';
import { achievementRuleSchema } from '../../economy/achievements.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** Achievements: every write through manage-achievements (rule validated, versioned, announced). */

const ruleKinds = achievementRuleSchema.options.map((option) => option.shape.kind.value);

const achievementFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Name or slug. */
  q: searchText,
  active: flag,
  /** The rule's kind, e.g. `messages`. */
  kind: oneOrMany(z.enum(ruleKinds, { message: `must be one of ${ruleKinds.join(', ')}` })),
});

export const achievementList: ListSpec<z.output<typeof achievementFilter>> = {
  sortable: {
    id: 'id',
    slug: 'slug',
    name: 'name',
    rewardXp: 'rewardXp',
    rewardCoins: 'rewardCoins',
    active: 'active',
    updatedAt: 'updatedAt',
  },
  defaultSort: { field: 'id', order: 'asc' },
  filter: achievementFilter,
};

const withUnlockCount = { _count: { select: { unlocks: true } } } as const;
type AchievementRow = Prisma.AchievementGetPayload<{ include: typeof withUnlockCount }>;

/** An achievement with how many players unlocked it. */
function achievementRecord({ _count, ...achievement }: AchievementRow) {
  return { ...achievement, unlockedBy: _count.unlocks };
}

function achievementWhere(filter: z.output<typeof achievementFilter>): Prisma.AchievementWhereInput {
  const and: Prisma.AchievementWhereInput[] = [];
  if (filter.q) and.push({ OR: [{ name: containing(filter.q) }, { slug: containing(filter.q) }] });
  if (filter.kind) and.push({ OR: filter.kind.map((kind) => ({ rule: { path: ['kind'], equals: kind } })) });
  return { id: inList(filter.id), active: filter.active, AND: and };
}

export function createAchievementsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { achievement } = deps.db.prisma;
  const find = async (id: number) => {
    const row = await achievement.findUnique({ where: { id }, include: withUnlockCount });
    return row ? achievementRecord(row) : null;
  };

  addListRoute(router, 'achievements', achievementList, async (query) => {
    const where = achievementWhere(query.filter);
    const [total, rows] = await Promise.all([
      achievement.count({ where }),
      achievement.findMany({
        where,
        orderBy: prismaOrderBy(achievementList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        include: withUnlockCount,
      }),
    ]);
    return { total, records: rows.map(achievementRecord) };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'achievement',
    parseId: (value) => intParam(value, 'achievement'),
    find,
    create: async (body, req) => {
      const created = await writeAsAdmin(deps, req, 'create', (d) =>
        createAchievement(d, body as CreateAchievementInput),
      );
      return (await find(created.id))!;
    },
    update: async (id, body, expectedVersion, req) => {
      await writeAsAdmin(deps, req, 'update', (d) =>
        updateAchievement(d, { ...(body as UpdateAchievementInput), id, expectedVersion }),
      );
      return (await find(id))!;
    },
    remove: (id, expectedVersion, req) =>
      writeAsAdmin(deps, req, 'delete', (d) => deleteAchievement(d, { id, expectedVersion })),
  });

  return router;
}
