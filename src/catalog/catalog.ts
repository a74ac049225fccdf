import { cachedValue } from '../core/cached-value.ts';
import type { PrismaClient } from '../db/database.ts';
import { type AchievementRule, achievementRuleSchema } from '../economy/achievements.ts';
import type { RankDefinition } from '../economy/ranks.ts';

export interface AchievementDefinition {
  id: number;
  slug: string;
  name: string;
  rule: AchievementRule;
  rewardXp: number;
  rewardCoins: number;
  discordRoleId: string | null;
  active: boolean;
}

export interface Catalog {
  ranks: RankDefinition[];
  achievements: AchievementDefinition[];
}

/**
 * The rank table and achievements, read on every event and changed rarely: cached for `ttlMs`
 * (a safety net) and dropped at once by `invalidate()` when an admin edits them.
 */
export interface CatalogCache {
  get(): Promise<Catalog>;
  invalidate(): void;
}

export function createCatalogCache(
  prisma: PrismaClient,
  ttlMs = 60_000,
  now = () => Date.now(),
): CatalogCache {
  const catalog = cachedValue(() => loadCatalog(prisma), { ttlMs, now });
  return {
    get: () => catalog.get(),
    invalidate: () => catalog.drop(),
  };
}

async function loadCatalog(prisma: PrismaClient): Promise<Catalog> {
  const [ranks, achievements] = await Promise.all([
    prisma.rank.findMany({ orderBy: { priority: 'asc' } }),
    prisma.achievement.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return {
    ranks: ranks.map((r) => ({
      id: r.id,
      name: r.name,
      minXp: r.minXp,
      discordRoleId: r.discordRoleId,
      priority: r.priority,
      active: r.active,
    })),
    achievements: achievements.flatMap((a) => {
      // A rule that no longer parses (edited by hand in the database) disables just that achievement.
      const rule = achievementRuleSchema.safeParse(a.rule);
      if (!rule.success) return [];
      return [
        {
          id: a.id,
          slug: a.slug,
          name: a.name,
          rule: rule.data,
          rewardXp: a.rewardXp,
          rewardCoins: a.rewardCoins,
          discordRoleId: a.discordRoleId,
          active: a.active,
        },
      ];
    }),
  };
}
