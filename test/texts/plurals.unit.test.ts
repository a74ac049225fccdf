import { describe, expect, it } from 'vitest';
import { shippedTranslator } from '../../src/texts/texts.ts';

describe('plural forms', () => {
  it('Russian chooses one, few and many: 1 монета, 2 монеты, 5 монет, 11 монет, 21 монета', () => {
    const t = shippedTranslator('ru');
    expect([1, 2, 5, 11, 21].map((coins) => t('common.coins', { coins }))).toEqual([
      '1 монета',
      '2 монеты',
      '5 монет',
      '11 монет',
      '21 монета',
    ]);
  });

  it('English chooses one and other', () => {
    const t = shippedTranslator('en');
    expect([1, 2, 5, 11, 21].map((coins) => t('common.coins', { coins }))).toEqual([
      '1 coin',
      '2 coins',
      '5 coins',
      '11 coins',
      '21 coins',
    ]);
  });

  it('numbers are written the reader’s way', () => {
    expect(shippedTranslator('en')('common.xp', { xp: 12345 })).toBe('12,345 XP');
    expect(shippedTranslator('ru')('common.xp', { xp: 12345 })).toBe('12\u00a0345 XP');
  });
});
