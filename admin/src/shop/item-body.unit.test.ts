import { describe, expect, it } from 'vitest';
import { itemBody } from './item-body.ts';

describe('a shop item form as the API takes it', () => {
  it('empties the fields of the kinds not chosen and turns emptied fields into null', () => {
    expect(
      itemBody({
        kind: 'custom',
        name: 'Shout-out',
        description: null,
        price: 50,
        stock: '',
        discordRoleId: '123456789012345678',
        durationDays: 30,
        minRankId: '',
      }),
    ).toEqual({
      kind: 'custom',
      name: 'Shout-out',
      description: '',
      price: 50,
      stock: null,
      perPlayerLimit: null,
      availableFrom: null,
      availableUntil: null,
      minRankId: null,
      discordRoleId: null,
      durationDays: null,
      telegramChatId: null,
      telegramTitle: null,
    });
  });

  it("keeps the chosen kind's fields", () => {
    expect(
      itemBody({
        kind: 'telegram_title',
        telegramChatId: '-100123',
        telegramTitle: 'Legend',
        durationDays: 5,
      }),
    ).toMatchObject({ telegramChatId: '-100123', telegramTitle: 'Legend', durationDays: null });
    expect(itemBody({ kind: 'discord_role', discordRoleId: '1', durationDays: 7 })).toMatchObject({
      discordRoleId: '1',
      durationDays: 7,
    });
  });
});
