import type { PrismaClient } from '../db/database.ts';
import { defaultAchievements } from '../economy/achievements.ts';
import { defaultRanks } from '../economy/ranks.ts';

/**
 * Seeds the default rank table and achievements on first start. Existing rows are left as the
 * admins made them: seeding only fills an empty table.
 */
export async function seedEconomyDefaults(
  prisma: PrismaClient,
): Promise<{ ranks: number; achievements: number }> {
  let ranks = 0;
  let achievements = 0;
  if ((await prisma.rank.count()) === 0) {
    ranks = (
      await prisma.rank.createMany({ data: defaultRanks.map((r) => ({ ...r })), skipDuplicates: true })
    ).count;
  }
  if ((await prisma.achievement.count()) === 0) {
    achievements = (
      await prisma.achievement.createMany({
        data: defaultAchievements.map((a) => ({ ...a, rule: a.rule })),
        skipDuplicates: true,
      })
    ).count;
  }
  return { ranks, achievements };
}
