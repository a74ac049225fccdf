import { describe, expect, it } from 'vitest';
import { economyErrorsFromApi, economyFromApi, economyToApi } from './economy-model.ts';

const apiRecord = {
  id: 'economy',
  description: 'Earning rules',
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
  message: {
    minXp: 15,
    maxXp: 25,
    cooldownSeconds: 60,
    minLength: 5,
    noXpChannelIds: ['1'],
    noXpRoleIds: [],
  },
  voice: { xpPerMinute: 10, minMembers: 2, afkChannelId: null },
  daily: { baseXp: 100, baseCoins: 50, streakBonusXp: 10, maxStreakBonusDays: 7, graceHours: 48 },
  game: { winXp: 50, winCoins: 10, maxNumber: 10, maxAttempts: 3, dailyGameLimit: 10 },
  roleMultipliers: { '111111111111111111': 1.5, '222222222222222222': 0 },
};

describe('the economy setting as a form', () => {
  it('reads the sections and turns role multipliers into rows', () => {
    const form = economyFromApi(apiRecord);
    expect(form.version).toBe(3);
    expect(form.message.minXp).toBe(15);
    expect(form.roleMultipliers).toEqual([
      { roleId: '111111111111111111', multiplier: 1.5 },
      { roleId: '222222222222222222', multiplier: 0 },
    ]);
  });

  it('reads a value nested under `value` too', () => {
    const form = economyFromApi({ id: 'economy', version: 0, value: { message: { minXp: 1 } } });
    expect(form.message.minXp).toBe(1);
    expect(form.roleMultipliers).toEqual([]);
  });

  it('sends the sections at the top level with the version it was opened at', () => {
    const body = economyToApi(economyFromApi(apiRecord));
    expect(body.version).toBe(3);
    expect(body.roleMultipliers).toEqual(apiRecord.roleMultipliers);
    expect(body.daily).toEqual(apiRecord.daily);
    expect(body).not.toHaveProperty('description');
  });

  it('puts API field errors on the inputs that show them', () => {
    const form = economyFromApi(apiRecord);
    const errors = economyErrorsFromApi(
      {
        root: { serverError: 'Invalid economy settings' },
        'message.minXp': 'too big',
        'value.daily.baseXp': 'too big',
        'message.noXpChannelIds.0': 'too long',
        'roleMultipliers.222222222222222222': 'at most 10',
        'roleMultipliers.999': 'unknown role',
        'roleMultipliers.111111111111111111.roleId': 'There is no role 111111111111111111 in Server',
      },
      form,
    );
    expect(errors).toEqual({
      root: { serverError: 'Invalid economy settings' },
      'message.minXp': 'too big',
      'daily.baseXp': 'too big',
      'message.noXpChannelIds': 'too long',
      'roleMultipliers.1.multiplier': 'at most 10',
      'roleMultipliers.0.roleId': 'There is no role 111111111111111111 in Server',
      roleMultipliers: 'unknown role',
    });
  });
});

describe('channel and global multipliers', () => {
  const record = {
    id: 'economy',
    version: 3,
    value: { channelMultipliers: { '111': 2, '-1001': 2, '222': 1.5 }, globalMultiplier: 1.2 },
  };

  it('groups chats by factor for the form and flattens them back for the API', () => {
    const form = economyFromApi(record);
    expect(form.channelMultipliers).toEqual([
      { chatIds: ['111', '-1001'], multiplier: 2 },
      { chatIds: ['222'], multiplier: 1.5 },
    ]);
    expect(form.globalMultiplier).toBe(1.2);
    const body = economyToApi(form);
    expect(body.channelMultipliers).toEqual(record.value.channelMultipliers);
    expect(body.globalMultiplier).toBe(1.2);
  });

  it('defaults to none and 1, and puts a chat error on its row', () => {
    const form = economyFromApi({ id: 'economy', version: 0, value: {} });
    expect(form.channelMultipliers).toEqual([]);
    expect(form.globalMultiplier).toBe(1);
    const errors = economyErrorsFromApi(
      { 'value.channelMultipliers.222': 'at most 10' },
      economyFromApi(record),
    );
    expect(errors).toEqual({ 'channelMultipliers.1.multiplier': 'at most 10' });
  });
});
