import { z } from 'zod';
import { type DiscordIdCheckDeps, refuseUnusableRole } from '../core/discord-id-check.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { slugSchema } from '../core/slug.ts';
import {
  requireSomeChange,
  rewardSchema,
  staleWriteError,
  versionedDeleteSchema,
  versionedUpdateSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import { isUniqueViolation } from '../db/constraint-violations.ts';
import { achievementRuleSchema } from '../economy/achievements.ts';
import type { Achievement, Prisma } from '../generated/prisma/client.ts';
import { type CatalogWriteDeps, catalogChanged, discordRoleIdSchema } from './catalog-writes.ts';

export type { Achievement };

/**
 * Achievements as admins edit them: a rule (achievements.ts), an optional reward and Discord role.
 * A new or loosened rule unlocks for players as their next event is processed.
 */

const fields = {
  slug: slugSchema,
  name: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  description: storedText().trim().max(500, 'at most 500 characters'),
  rule: achievementRuleSchema,
  rewardXp: rewardSchema,
  rewardCoins: rewardSchema,
  discordRoleId: discordRoleIdSchema,
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z.object({
  ...fields,
  description: fields.description.default(''),
  rewardXp: fields.rewardXp.default(0),
  rewardCoins: fields.rewardCoins.default(0),
  discordRoleId: fields.discordRoleId.default(null),
  active: fields.active.default(true),
});

const updateSchema = versionedUpdateSchema(fields);

const deleteSchema = versionedDeleteSchema;

export type CreateAchievementInput = z.input<typeof createSchema>;
export type UpdateAchievementInput = z.input<typeof updateSchema>;
export type DeleteAchievementInput = z.input<typeof deleteSchema>;

/** What editing achievements works with; with `discordGuild`, an unusable role is refused at save. */
export type AchievementWriteDeps = CatalogWriteDeps & DiscordIdCheckDeps;

export async function createAchievement(
  deps: AchievementWriteDeps,
  input: CreateAchievementInput,
): Promise<Achievement> {
  const { rule, ...data } = parseInput(createSchema, input, 'achievement');
  await refuseUnusableRole(deps, data.discordRoleId, 'achievement');
  const achievement = await slugOrExplain(data.slug, () =>
    deps.db.prisma.achievement.create({ data: { ...data, rule: rule as Prisma.InputJsonObject } }),
  );
  await catalogChanged(deps, 'achievements', 'created', achievement.id);
  return achievement;
}

/** One conditional UPDATE: it applies only if the achievement still has the version the admin opened. */
export async function updateAchievement(
  deps: AchievementWriteDeps,
  input: UpdateAchievementInput,
): Promise<Achievement> {
  const { id, expectedVersion, rule, ...changes } = parseInput(updateSchema, input, 'achievement');
  requireSomeChange({ ...changes, rule }, 'achievement');
  await refuseUnusableRole(deps, changes.discordRoleId, 'achievement');
  const [achievement] = await slugOrExplain(changes.slug, () =>
    deps.db.prisma.achievement.updateManyAndReturn({
      where: { id, ...versionFilter(expectedVersion) },
      data: {
        ...changes,
        ...(rule === undefined ? {} : { rule: rule as Prisma.InputJsonObject }),
        version: { increment: 1 },
      },
    }),
  );
  if (!achievement) {
    const current = await deps.db.prisma.achievement.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('achievement', id, expectedVersion, current);
  }
  await catalogChanged(deps, 'achievements', 'updated', id);
  return achievement;
}

/**
 * Deletes an achievement nobody unlocked. Once players have, deleting it would erase their unlocks
 * (and a re-created one would pay them again), so the admin is asked to set it inactive instead:
 * the condition is part of the DELETE, not a check before it.
 */
export async function deleteAchievement(
  deps: CatalogWriteDeps,
  input: DeleteAchievementInput,
): Promise<void> {
  const { id, expectedVersion } = parseInput(deleteSchema, input, 'achievement deletion');
  const { count } = await deps.db.prisma.achievement.deleteMany({
    where: { id, ...versionFilter(expectedVersion), unlocks: { none: {} } },
  });
  if (count === 0) {
    const current = await deps.db.prisma.achievement.findUnique({
      where: { id },
      select: { version: true, _count: { select: { unlocks: true } } },
    });
    const unlocks = current?._count.unlocks ?? 0;
    if (current && unlocks > 0) {
      throw new InvalidChangeError(
        `${unlocks} ${unlocks === 1 ? 'player has' : 'players have'} unlocked this achievement, so it cannot ` +
          'be deleted. Set it inactive to stop new unlocks instead.',
      );
    }
    throw staleWriteError('achievement', id, expectedVersion, current);
  }
  await catalogChanged(deps, 'achievements', 'deleted', id);
}

async function slugOrExplain<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `another achievement already uses "${slug}": pick another slug`;
      throw new InvalidChangeError(`Invalid achievement: slug: ${message}`, { slug: message });
    }
    throw error;
  }
}
