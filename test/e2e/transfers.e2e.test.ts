import type { TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTransferSettings } from '../../src/transfers/transfer-settings.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

describe('/pay through the bots (real bots and workers against the emulators)', () => {
  let world: BotWorld;

  const balanceOf = async (playerId: string) =>
    (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
  const grant = (playerId: string, coins: number) =>
    world.tandem.engine.record({
      key: `admin-grant-pay-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: coins,
      reason: 'grant',
    });
  const transfersFrom = async (playerId: string) =>
    (
      await world.tandem.db.pool.query<{ amount: number }>(
        'SELECT amount FROM coin_transfers WHERE from_player_id = $1 ORDER BY created_at',
        [playerId],
      )
    ).rows.map((row) => row.amount);
  const limits = (dailyLimit: number, minAccountAgeDays: number) =>
    saveTransferSettings(world.tandem, { value: { dailyLimit, minAccountAgeDays } });

  beforeAll(async () => {
    world = await openBotWorld();
    await limits(100, 0);
    for (const index of [0, 1, 2] as const) await world.telegramUser(index).command('profile');
    await world.discordMember('bob').command('profile');
    await grant(await world.telegramUser(0).playerId(), 300);
    await grant(await world.telegramUser(1).playerId(), 100);
    await grant(await world.discordMember('bob').playerId(), 300);
    // The grants' notices are sent now, so the first answer to each /pay is its own.
    await world.settle();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('on Telegram: pays by @username up to the daily limit, refuses over it and to oneself; the recipient is told', async () => {
    const ana = world.telegramUser(0);
    const ben = world.telegramUser(1);
    const anaId = await ana.playerId();
    expect(await ana.command('pay', '@ben_builds 60')).toBe(
      '💸 You sent 60 coins to @ben_builds. Your balance: 240 coins.',
    );
    await waitFor(
      async () =>
        ben.botTexts().some((text) => /^💸 .+ sent you 60 coins\. Your balance: 160 coins\.$/.test(text)),
      'the notice to Ben',
    );
    expect(await ana.command('pay', '@ben_builds 41')).toBe(
      'You can send 100 coins a day. Today you can send at most 40 coins more.',
    );
    expect(await ana.command('pay', '@BEN_BUILDS 40')).toBe(
      '💸 You sent 40 coins to @BEN_BUILDS. Your balance: 200 coins.',
    );
    expect(await ana.command('pay', '@ben_builds 1')).toBe(
      'You can send 100 coins a day. Today you can send at most 0 coins more.',
    );
    expect(await ana.command('pay', '@ana_plays 5')).toBe('You cannot pay yourself.');
    expect(await ana.command('pay', '@nobody_here 5')).toMatch(/^I know no player called @nobody_here\./);
    expect(await ana.command('pay', 'ben_builds')).toMatch(/^Send \/pay with a player and an amount/);
    expect(await ana.command('pay', '@ben_builds 0')).toBe('Pay a whole number of coins, at least 1.');
    expect(await transfersFrom(anaId)).toEqual([60, 40]);
    expect(await balanceOf(anaId)).toBe(200);
    expect(await balanceOf(await ben.playerId())).toBe(200);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('on Telegram: pays the author of the message /pay replies to, in the group; bots take nothing', async () => {
    const ben = world.telegramUser(1);
    const vera = world.telegramUser(2);
    const groupId = world.demo.telegram.group!.id;
    const { control } = world.telegram;
    const said = control.sendMessage({ from: vera.id, chatId: groupId, text: 'anyone got coins?' });
    const answerIn = async (seq: number) => {
      const event = await control.waitFor({ types: ['bot.message'], chatId: groupId, since: seq });
      return (event as { message: Tg.Message }).message;
    };
    const paid = control.sendCommand({
      from: ben.id,
      chatId: groupId,
      command: 'pay',
      args: '15',
      replyToMessageId: said.message.message_id,
    });
    expect((await answerIn(paid.seq)).text).toBe(
      '💸 You sent 15 coins to @vera_igraet. Your balance: 185 coins.',
    );
    // Вера reads Telegram in Russian: her notice is in Russian, with its plural forms.
    await waitFor(
      async () =>
        vera.botTexts().some((text) => /^💸 .+ переводит вам 15 монет\. Ваш баланс: 15 монет\.$/.test(text)),
      'the notice to Вера',
    );
    const botPost = await answerIn(paid.seq);
    const toBot = control.sendCommand({
      from: ben.id,
      chatId: groupId,
      command: 'pay',
      args: '5',
      replyToMessageId: botPost.message_id,
    });
    expect((await answerIn(toBot.seq)).text).toBe("Bots don't take coins: pay a player.");
    expect(await balanceOf(await vera.playerId())).toBe(15);
  });

  it('on Discord: /pay user amount up to the limit, over it and to oneself; the recipient gets a DM', async () => {
    const bob = world.discordMember('bob');
    const carol = world.discordMember('carol');
    const bobId = await bob.playerId();
    expect(await bob.command('pay', { user: carol.id, amount: 60 })).toBe(
      '💸 You sent 60 coins to carol. Your balance: 240 coins.',
    );
    await waitFor(async () => {
      const dms = await world.discord.control.directMessages({ userId: carol.id });
      return dms.some((dm) =>
        dm.messages.some((m) => /^💸 .+ sent you 60 coins\. Your balance: 60 coins\.$/.test(m.content)),
      );
    }, 'the DM to carol');
    expect(await bob.command('pay', { user: carol.id, amount: 41 })).toBe(
      'You can send 100 coins a day. Today you can send at most 40 coins more.',
    );
    expect(await bob.command('pay', { user: bob.id, amount: 5 })).toBe('You cannot pay yourself.');
    expect(await bob.command('pay', { user: carol.id, amount: 40 })).toBe(
      '💸 You sent 40 coins to carol. Your balance: 200 coins.',
    );
    expect(await bob.command('pay', { user: world.demo.discord.bot.userId, amount: 5 })).toBe(
      "Bots don't take coins: pay a player.",
    );
    expect(await transfersFrom(bobId)).toEqual([60, 40]);
    expect(await balanceOf(await carol.playerId())).toBe(100);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('refuses accounts younger than the minimum age, and everything once the admin sets the limit to 0', async () => {
    await limits(100, 7);
    expect(await world.telegramUser(2).command('pay', '@ben_builds 1')).toBe(
      'Ваш аккаунт слишком новый для переводов: они откроются через 7 дней после регистрации.',
    );
    await limits(0, 0);
    expect(
      await world.discordMember('carol').command('pay', { user: world.discordMember('bob').id, amount: 1 }),
    ).toBe('Paying other players is turned off in this community.');
    expect(await world.telegramUser(1).command('pay', '@vera_igraet 1')).toBe(
      'Paying other players is turned off in this community.',
    );
  });
});
