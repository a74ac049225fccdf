import { describe, expect, it } from 'vitest';
import type { Message } from '../core/message.ts';
import type { TextKey } from '../texts/default-texts.ts';
import type { Language } from '../texts/languages.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { linkedMessage } from './link-notices.ts';

const written = (message: Message, language: Language = 'en') =>
  shippedTranslator(language)(message.key as TextKey, message.params);
const oneAccount = 'From now on, everything you earn on either platform goes to one account.';

describe('the notices of a link', () => {
  const totals = { xp: 1_250, balance: 760 };
  const dora = { platform: 'discord' as const, name: 'dora' };
  const ana = { platform: 'telegram' as const, name: 'ana' };

  it('name the other side, what was added and the totals after it, on each side', () => {
    expect(written(linkedMessage('issuer', { xp: 1_200, coins: 1 }, dora, totals))).toBe(
      `✅ Linked with dora on Discord: its 1,200 XP and 1 coin were added to your account. You now have 1,250 XP and 760 coins.\n${oneAccount}`,
    );
    expect(written(linkedMessage('redeemer', { xp: 1_200, coins: 750 }, ana, totals))).toBe(
      `✅ Linked with ana on Telegram: your 1,200 XP and 750 coins from here were added to the shared account. You now have 1,250 XP and 760 coins.\n${oneAccount}`,
    );
  });

  it('say nothing was added when the joining account had nothing', () => {
    expect(written(linkedMessage('issuer', { xp: 0, coins: 0 }, dora, totals))).toBe(
      `✅ Linked with dora on Discord. You now have 1,250 XP and 760 coins.\n${oneAccount}`,
    );
  });

  it('are written in Russian for a Russian reader', () => {
    expect(written(linkedMessage('redeemer', { xp: 5, coins: 3 }, ana, { xp: 5, balance: 3 }), 'ru')).toBe(
      '✅ Аккаунт связан с ana в Telegram: ваши 5 XP и 3 монеты отсюда перенесены в общий аккаунт. ' +
        'Теперь у вас 5 XP и 3 монеты.\nОтныне всё, что вы зарабатываете на обеих платформах, идёт на один аккаунт.',
    );
  });
});
