import { describe, expect, it } from 'vitest';
import type { Message } from '../core/message.ts';
import type { TextKey } from '../texts/default-texts.ts';
import type { Language } from '../texts/languages.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { taskApprovedNotice, taskRejectedNotice } from './submission-notices.ts';

const written = (message: Message, language: Language = 'en') =>
  shippedTranslator(language)(message.key as TextKey, message.params);

describe('task decision notices', () => {
  it('say an approval with its reward and the totals it left, only the parts it paid', () => {
    const task = { title: 'Say hi' };
    const totals = { xp: 1_050, balance: 12 };
    expect(written(taskApprovedNotice(task, { xp: 50, coins: 10 }, totals))).toBe(
      '✅ Your proof for "Say hi" was approved: +50 XP and +10 coins! You now have 1,050 XP and 12 coins.',
    );
    expect(written(taskApprovedNotice(task, { xp: 50, coins: 0 }, totals))).toBe(
      '✅ Your proof for "Say hi" was approved: +50 XP! You now have 1,050 XP and 12 coins.',
    );
    expect(written(taskApprovedNotice(task, { xp: 0, coins: 1 }, totals))).toBe(
      '✅ Your proof for "Say hi" was approved: +1 coin! You now have 1,050 XP and 12 coins.',
    );
    // Paid before (by another account of the person), or a task without a reward.
    expect(written(taskApprovedNotice(task, { xp: 0, coins: 0 }, null))).toBe(
      '✅ Your proof for "Say hi" was approved.',
    );
    expect(written(taskApprovedNotice(task, null, null))).toBe('✅ Your proof for "Say hi" was approved.');
    expect(written(taskApprovedNotice(task, { xp: 50, coins: 2 }, { xp: 50, balance: 5 }), 'ru')).toBe(
      '✅ Ваше подтверждение задания «Say hi» принято: +50 XP и +2 монеты! Теперь у вас 50 XP и 5 монет.',
    );
  });

  it("say a rejection with the admin's note as a sentence", () => {
    const task = { title: 'Say hi' };
    expect(written(taskRejectedNotice(task, null))).toBe(
      '❌ Your proof for "Say hi" was not accepted. You can send new proof any time (see /tasks).',
    );
    expect(written(taskRejectedNotice(task, 'Blurry!'))).toBe(
      '❌ Your proof for "Say hi" was not accepted: Blurry! You can send new proof any time (see /tasks).',
    );
    expect(written(taskRejectedNotice(task, 'No link'), 'ru')).toBe(
      '❌ Подтверждение задания «Say hi» не принято: No link. Вы можете отправить новое в любой момент (см. /tasks).',
    );
  });
});
