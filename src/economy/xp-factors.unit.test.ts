import { describe, expect, it } from 'vitest';
import { defaultEconomySettings, earningFactors, messageXp } from './earning-rules.ts';
import { combineFactors, maxCombinedFactor } from './xp-factors.ts';

describe('combineFactors', () => {
  it('multiplies every factor and rounds to the nearest whole XP', () => {
    const combined = combineFactors(15, [
      { name: 'role', value: 1.5 },
      { name: 'channel', value: 2 },
      { name: 'boost:1:Double weekend', value: 2 },
    ]);
    expect(combined).toEqual({
      xp: 90,
      factor: 6,
      applied: [
        { name: 'role', value: 1.5 },
        { name: 'channel', value: 2 },
        { name: 'boost:1:Double weekend', value: 2 },
      ],
    });
    expect(combineFactors(15, [{ name: 'global', value: 1.1 }]).xp).toBe(17); // 16.5 rounds up
  });

  it('caps the product at the maximum factor', () => {
    const combined = combineFactors(10, [
      { name: 'role', value: 5 },
      { name: 'boost:1:a', value: 3 },
    ]);
    expect(combined.factor).toBe(maxCombinedFactor);
    expect(combined.xp).toBe(100);
  });

  it('leaves factors of 1 out of the applied list, and a 0 factor earns nothing', () => {
    expect(combineFactors(20, [{ name: 'role', value: 1 }])).toEqual({ xp: 20, factor: 1, applied: [] });
    expect(combineFactors(20, [{ name: 'channel', value: 0 }]).xp).toBe(0);
  });
});

describe('earning factors from the settings', () => {
  const settings = {
    ...defaultEconomySettings,
    roleMultipliers: { vip: 2 },
    channelMultipliers: { general: 1.5 },
    globalMultiplier: 1,
  };

  it('names the role, channel, global factors and boosts', () => {
    expect(
      earningFactors(
        { roleIds: ['vip'], channelId: 'general', boosts: [{ name: 'boost:3:x', value: 2 }] },
        settings,
      ),
    ).toEqual([
      { name: 'role', value: 2 },
      { name: 'channel', value: 1.5 },
      { name: 'global', value: 1 },
      { name: 'boost:3:x', value: 2 },
    ]);
  });

  it('applies them to message XP', () => {
    const base = { now: new Date(), lastAwardAt: null, length: 20, random: () => 0 };
    expect(messageXp({ ...base, channelId: 'general', roleIds: ['vip'] }, settings)).toEqual({
      award: true,
      xp: 45, // 15 × 2 × 1.5
    });
    expect(
      messageXp(
        { ...base, channelId: 'other', roleIds: [], boosts: [{ name: 'boost:1:b', value: 2 }] },
        settings,
      ),
    ).toEqual({ award: true, xp: 30 });
  });
});
