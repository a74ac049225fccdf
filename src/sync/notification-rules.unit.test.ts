import { describe, expect, it } from 'vitest';
import { achievementNotices, economyNotices, rankUpNotices } from './notification-rules.ts';

const both = [
  { platform: 'telegram' as const, platformUserId: '11', syncEnabled: true },
  { platform: 'discord' as const, platformUserId: '22', syncEnabled: true },
];
const payload = {
  ledgerEntryId: '1',
  xpDelta: 20,
  coinDelta: 0,
  xpAfter: 120,
  balanceAfter: 5,
  reason: 'message',
};

describe('what players are told', () => {
  it('stays quiet about everyday earnings', () => {
    expect(economyNotices({ source: 'discord', payload }, both)).toEqual([]);
    expect(economyNotices({ source: 'telegram', payload: { ...payload, reason: 'daily' } }, both)).toEqual(
      [],
    );
  });

  it('tells every linked platform about an admin adjustment, with the new totals', () => {
    const notices = economyNotices(
      { source: 'admin', payload: { ...payload, xpDelta: -50, reason: 'correction' } },
      both,
    );
    expect(notices.map((n) => n.platform)).toEqual(['telegram', 'discord']);
    expect(notices[0]!.text).toBe('-50 XP from an admin. You now have 120 XP and 5 coins.');
  });

  it('skips identities whose sync is turned off', () => {
    const muted = [{ ...both[0]!, syncEnabled: false }, both[1]!];
    expect(rankUpNotices('Veteran', 5000, muted).map((n) => n.platform)).toEqual(['discord']);
  });

  it('announces achievements with their reward', () => {
    const [notice] = achievementNotices(
      { achievementId: 1, slug: 'x', name: 'Chatterbox', rewardXp: 100, rewardCoins: 0, discordRoleId: null },
      both,
    );
    expect(notice!.text).toBe('🏆 Achievement unlocked: Chatterbox (+100 XP)!');
  });
});
