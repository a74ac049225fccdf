import { describe, expect, it } from 'vitest';
import type { Message } from '../core/message.ts';
import type { TextKey } from '../texts/default-texts.ts';
import type { Language } from '../texts/languages.ts';
import { shippedTranslator } from '../texts/texts.ts';
import {
  achievementNotices,
  economyNotices,
  payoutDecisionNotices,
  rankUpNotices,
} from './notification-rules.ts';

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

function written(message: Message, language: Language = 'en'): string {
  return shippedTranslator(language)(message.key as TextKey, message.params);
}

function texts(notices: Array<{ message: Message }>, language: Language = 'en'): string[] {
  return notices.map((n) => written(n.message, language));
}

describe('what players are told', () => {
  it('stays quiet about everyday earnings and about changes told by their own message', () => {
    for (const reason of [
      'message',
      'daily',
      'voice_minute',
      'game_win',
      'scenario',
      'achievement',
      'task',
      'payout_hold',
      'payout_refund',
      'merge_in',
      'merge_out',
      'import',
    ]) {
      for (const source of ['telegram', 'discord', 'admin', 'system'] as const) {
        expect(economyNotices({ source, payload: { ...payload, reason } }, both)).toEqual([]);
      }
    }
  });

  it('tells every linked platform once about an admin adjustment, in words, with the new totals', () => {
    const notices = economyNotices(
      { source: 'admin', payload: { ...payload, xpDelta: -50, reason: 'admin_adjustment' } },
      both,
    );
    expect(notices.map((n) => n.platform)).toEqual(['telegram', 'discord']);
    expect(texts(notices)).toEqual([
      'An admin took 50 XP. You now have 120 XP and 5 coins.',
      'An admin took 50 XP. You now have 120 XP and 5 coins.',
    ]);
    const gift = { ...payload, xpDelta: 0, coinDelta: 300, balanceAfter: 1_305, reason: 'admin_adjustment' };
    expect(texts(economyNotices({ source: 'admin', payload: gift }, both))[0]).toBe(
      '🎁 An admin gave you +300 coins. You now have 120 XP and 1,305 coins.',
    );
    expect(texts(economyNotices({ source: 'admin', payload: gift }, both), 'ru')[0]).toBe(
      '🎁 Администратор начислил вам +300 монет. Теперь у вас 120 XP и 1\u00a0305 монет.',
    );
  });

  it('says both amounts of an adjustment that moved XP and coins in one message', () => {
    const event = { source: 'admin' as const, payload: { ...payload, reason: 'admin_adjustment' } };
    const say = (xpDelta: number, coinDelta: number, language: Language = 'en') =>
      texts(economyNotices(event, both, { xpDelta, coinDelta, xpAfter: 120, balanceAfter: 1 }), language)[0];
    expect(say(120, -20)).toBe(
      'An admin gave you +120 XP and took 20 coins. You now have 120 XP and 1 coin.',
    );
    expect(say(-5, 3)).toBe('An admin took 5 XP and gave you +3 coins. You now have 120 XP and 1 coin.');
    expect(say(5, 3)).toBe('🎁 An admin gave you +5 XP and +3 coins. You now have 120 XP and 1 coin.');
    expect(say(-5, -21)).toBe('An admin took 5 XP and 21 coins. You now have 120 XP and 1 coin.');
    expect(say(-5, -21, 'ru')).toBe('Администратор списал 5 XP и 21 монету. Теперь у вас 120 XP и 1 монета.');
    expect(say(0, 1, 'ru')).toBe('🎁 Администратор начислил вам +1 монету. Теперь у вас 120 XP и 1 монета.');
    expect(say(2, 22, 'ru')).toBe(
      '🎁 Администратор начислил вам +2 XP и +22 монеты. Теперь у вас 120 XP и 1 монета.',
    );
    // The adjustment's other event tells it.
    expect(economyNotices(event, both, null)).toEqual([]);
  });

  it('never shows a reason slug: another reward says what was received, any other change the totals', () => {
    const bonus = { source: 'system' as const, payload: { ...payload, coinDelta: 3, reason: 'event_bonus' } };
    const fine = { source: 'system' as const, payload: { ...payload, xpDelta: -20, reason: 'sandbox_seed' } };
    const all = [
      ...texts(economyNotices(bonus, both)),
      ...texts(economyNotices(bonus, both), 'ru'),
      ...texts(economyNotices(fine, both)),
      ...texts(economyNotices(fine, both), 'ru'),
    ];
    expect(all).toEqual([
      '🎁 You received +20 XP and +3 coins. You now have 120 XP and 5 coins.',
      '🎁 You received +20 XP and +3 coins. You now have 120 XP and 5 coins.',
      '🎁 Вы получили +20 XP и +3 монеты. Теперь у вас 120 XP и 5 монет.',
      '🎁 Вы получили +20 XP и +3 монеты. Теперь у вас 120 XP и 5 монет.',
      'Your XP and coins were updated. You now have 120 XP and 5 coins.',
      'Your XP and coins were updated. You now have 120 XP and 5 coins.',
      'Ваши XP и монеты обновлены. Теперь у вас 120 XP и 5 монет.',
      'Ваши XP и монеты обновлены. Теперь у вас 120 XP и 5 монет.',
    ]);
    expect(all.filter((t) => /bonus|seed|_/.test(t))).toEqual([]);
  });

  it('skips identities whose sync is turned off', () => {
    const muted = [{ ...both[0]!, syncEnabled: false }, both[1]!];
    expect(rankUpNotices('Veteran', 5000, muted).map((n) => n.platform)).toEqual(['discord']);
  });

  it('announces a rank-up in both languages', () => {
    const [notice] = rankUpNotices('Veteran', 5000, both);
    expect(written(notice!.message)).toBe('🎉 Rank up! You are now Veteran (5,000 XP).');
    expect(written(notice!.message, 'ru')).toBe('🎉 Новый ранг! Теперь вы Veteran (5\u00a0000 XP).');
  });

  it('announces achievements with their reward, and only the parts it has', () => {
    const achievement = {
      achievementId: 1,
      slug: 'x',
      name: 'Chatterbox',
      rewardXp: 100,
      rewardCoins: 0,
      discordRoleId: null,
    };
    const say = (rewardXp: number, rewardCoins: number, language: Language = 'en') =>
      texts(achievementNotices({ ...achievement, rewardXp, rewardCoins }, both), language)[0];
    expect(say(100, 0)).toBe('🏆 Achievement unlocked: Chatterbox! Reward: +100 XP.');
    expect(say(0, 2)).toBe('🏆 Achievement unlocked: Chatterbox! Reward: +2 coins.');
    expect(say(100, 1)).toBe('🏆 Achievement unlocked: Chatterbox! Reward: +100 XP and +1 coin.');
    expect(say(0, 0)).toBe('🏆 Achievement unlocked: Chatterbox!');
    expect(say(100, 3, 'ru')).toBe('🏆 Новое достижение: Chatterbox! Награда: +100 XP и +3 монеты.');
  });

  it("tells a payout decision, a decline with the admin's reason and the balance", () => {
    const approved = { payoutId: '6f1c0d8e-3b1a-4c61-9f0e-1d2c3b4a5f60', decision: 'approved' as const };
    expect(texts(payoutDecisionNotices({ ...approved, amount: 400 }, both))[0]).toBe(
      '✅ Your payout of 400 coins was approved.',
    );
    expect(texts(payoutDecisionNotices({ ...approved, amount: 1 }, both), 'ru')[0]).toBe(
      '✅ Ваша выплата в 1 монету одобрена.',
    );
    const declined = { ...approved, decision: 'declined' as const, amount: 100, balanceAfter: 600 };
    expect(texts(payoutDecisionNotices({ ...declined, reason: 'late' }, both))[0]).toBe(
      'Your payout of 100 coins was declined: late. The coins are back in your balance (600 coins).',
    );
    expect(texts(payoutDecisionNotices({ ...declined, reason: 'Wrong wallet!' }, both), 'ru')[0]).toBe(
      'Ваша выплата в 100 монет отклонена: Wrong wallet! Монеты вернулись на ваш баланс (600 монет).',
    );
  });
});
