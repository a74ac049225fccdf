import { describe, expect, it } from 'vitest';
import type { RankDefinition } from '../economy/ranks.ts';
import { achievementPlan, quietName, rankUpPlan } from './announcement-rules.ts';
import { announcementSettingsOf, announcementSettingsSchema } from './announcement-settings.ts';
import { rankOrdinal } from './rank-ordinal.ts';

const defaults = announcementSettingsOf(undefined);
const everywhere = announcementSettingsSchema.parse({
  rankUp: { discordChannelId: '111', telegramChatId: '-100222', fromRank: 3, everyRanks: 2 },
  achievement: { discordChannelId: '111', dm: false, rewardsOnly: true },
});

describe('announcement rules', () => {
  it('by default tell the player by DM alone, as before announcements existed', () => {
    expect(rankUpPlan(defaults.rankUp, 2, true)).toEqual({ channels: [], dm: true });
    expect(achievementPlan(defaults.achievement, { xp: 0, coins: 0 }, true)).toEqual({
      channels: [],
      dm: true,
    });
  });

  it('announce rank-ups from rank N up, every N ranks, in each chosen channel', () => {
    const announced = [1, 2, 3, 4, 5, 6, 7].filter((n) => rankUpPlan(everywhere.rankUp, n, true).dm);
    expect(announced).toEqual([3, 5, 7]);
    expect(rankUpPlan(everywhere.rankUp, 5, true).channels).toEqual([
      { platform: 'discord', chatId: '111' },
      { platform: 'telegram', chatId: '-100222' },
    ]);
    expect(rankUpPlan(everywhere.rankUp, 4, true)).toEqual({ channels: [], dm: false });
  });

  it("a player's opt-out stops their DM, not the channels", () => {
    expect(rankUpPlan(everywhere.rankUp, 3, false)).toEqual({
      channels: [
        { platform: 'discord', chatId: '111' },
        { platform: 'telegram', chatId: '-100222' },
      ],
      dm: false,
    });
  });

  it('announce only achievements with a reward when asked to', () => {
    expect(achievementPlan(everywhere.achievement, { xp: 0, coins: 0 }, true).channels).toEqual([]);
    expect(achievementPlan(everywhere.achievement, { xp: 0, coins: 5 }, true)).toEqual({
      channels: [{ platform: 'discord', chatId: '111' }],
      dm: false,
    });
  });

  it('refuse settings that cannot be right, naming the field', () => {
    const bad = announcementSettingsSchema.safeParse({
      rankUp: { fromRank: 0, telegramChatId: '123' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rankUp.fromRank', 'rankUp.telegramChatId']));
  });

  it('number ranks by threshold among the active ones, lowest first', () => {
    const rank = (id: number, minXp: number, active = true): RankDefinition => ({
      id,
      name: `r${id}`,
      minXp,
      discordRoleId: null,
      priority: id,
      active,
    });
    const ranks = [rank(3, 1000), rank(1, 0), rank(2, 500, false), rank(4, 200)];
    expect([1, 4, 3, 2].map((id) => rankOrdinal(ranks, id))).toEqual([1, 2, 3, 0]);
  });

  it('write names that mention nobody', () => {
    expect(quietName('@everyone')).not.toContain('@');
  });
});
