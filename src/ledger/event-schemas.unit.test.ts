import { describe, expect, it } from 'vitest';
import { economyChangeSchema, eventPayloadSchemas, eventTypes } from './event-schemas.ts';

const base = {
  key: 'tg-game-s1-p1',
  playerId: '6f1c2a0e-5b1d-4c8e-9a43-3f2b1d0c9e77',
  type: 'xp_change',
  source: 'telegram',
  xpDelta: 50,
  reason: 'game_win',
};

function issues(input: object): string[] {
  const parsed = economyChangeSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('economy change schema', () => {
  it('accepts each economy event type with its defaults', () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, type: 'balance_change', xpDelta: 0, coinDelta: -20, reason: 'shop' })).toEqual(
      [],
    );
    expect(issues({ ...base, type: 'reward_grant', xpDelta: 10, coinDelta: 5 })).toEqual([]);
    expect(economyChangeSchema.parse(base).metadata).toEqual({});
  });

  it('says what is wrong with each bad change', () => {
    expect(issues({ ...base, coinDelta: 5 })).toEqual(['coinDelta: xp_change moves XP only']);
    expect(issues({ ...base, type: 'balance_change', coinDelta: 5 })).toEqual([
      'xpDelta: balance_change moves coins only',
    ]);
    expect(issues({ ...base, type: 'reward_grant', coinDelta: -1 })).toEqual([
      'xpDelta: a reward cannot take XP or coins away',
    ]);
    expect(issues({ ...base, source: 'discord', xpDelta: -5 })).toEqual([
      'xpDelta: XP cannot be taken away by a discord action',
    ]);
    expect(issues({ ...base, xpDelta: 2_000_000 })[0]).toMatch(/^xpDelta:/);
    expect(issues({ ...base, reason: 'Game Win' })[0]).toMatch(/^reason: 1-64 lowercase letters/);
    expect(issues({ ...base, type: 'rank_change' })[0]).toMatch(
      /^type: must be one of xp_change, balance_change, reward_grant/,
    );
  });

  it('lets an admin or the system take XP away (corrections, merges)', () => {
    expect(issues({ ...base, source: 'admin', xpDelta: -5, reason: 'correction' })).toEqual([]);
    expect(issues({ ...base, source: 'system', xpDelta: -5, reason: 'merge' })).toEqual([]);
  });

  it('has a payload schema for each of the five event types', () => {
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...eventTypes].sort());
    expect(
      eventPayloadSchemas.rank_change.safeParse({
        fromRankId: 1,
        toRankId: 2,
        direction: 'up',
        xp: 300,
        causeEventId: base.playerId,
      }).success,
    ).toBe(true);
    expect(eventPayloadSchemas.achievement_unlock.safeParse({ achievementId: 1 }).success).toBe(false);
  });
});
