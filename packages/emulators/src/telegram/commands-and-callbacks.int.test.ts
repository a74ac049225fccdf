import { Markup } from 'telegraf';
import { describe, expect, it } from 'vitest';
import type { TelegramControlClient } from './index.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator({
  bots: [
    { username: 'tandem_test_bot', firstName: 'Tandem' },
    { username: 'other_game_bot', firstName: 'Other' },
  ],
});

function onlyBotMessage(event: Awaited<ReturnType<TelegramControlClient['waitFor']>>) {
  if (event.type !== 'bot.message') throw new Error(`expected a bot message, got ${event.type}`);
  return event.message;
}

describe('commands and callback queries', () => {
  it('runs a command, an inline button press, answerCallbackQuery and editMessageText', async () => {
    fixture.bot.command('balance', (ctx) =>
      ctx.reply('<b>Balance:</b> 120 coins', {
        parse_mode: 'HTML',
        ...Markup.inlineKeyboard([
          [Markup.button.callback('Claim daily', 'claim:daily')],
          [Markup.button.url('Rules', 'https://example.com/rules')],
        ]),
      }),
    );
    fixture.bot.action('claim:daily', async (ctx) => {
      await ctx.answerCbQuery('+10 coins', { show_alert: true });
      await ctx.editMessageText('<b>Balance:</b> 130 coins', { parse_mode: 'HTML' });
    });
    await fixture.launch();

    const user = await fixture.control.createUser({ firstName: 'Hana' });
    const sent = await fixture.control.sendCommand({ from: user.id, command: 'balance' });
    const offer = onlyBotMessage(await fixture.control.waitFor({ types: ['bot.message'], since: sent.seq }));
    expect(offer).toMatchObject({
      text: 'Balance: 120 coins',
      entities: [{ type: 'bold', offset: 0, length: 8 }],
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Claim daily', callback_data: 'claim:daily' }],
          [{ text: 'Rules', url: 'https://example.com/rules' }],
        ],
      },
    });

    const pressed = await fixture.control.pressButton({
      from: user.id,
      messageId: offer.message_id,
      data: 'claim:daily',
    });
    const edit = await fixture.control.waitFor({ types: ['bot.edit'], since: pressed.seq });
    expect(edit).toMatchObject({ message: { message_id: offer.message_id, text: 'Balance: 130 coins' } });
    expect(await fixture.control.callback(pressed.callbackQuery.id)).toMatchObject({
      answer: { text: '+10 coins', showAlert: true },
    });

    const [, shown] = await fixture.control.messages(user.id);
    // Editing without reply_markup removes the inline keyboard, as on Telegram.
    expect(shown).not.toHaveProperty('reply_markup');
    expect(shown?.edits.map((version) => version.message.text)).toEqual(['Balance: 120 coins']);
    expect(shown?.source).toEqual({ text: '<b>Balance:</b> 130 coins', parseMode: 'HTML' });
  });

  it('records setMyCommands and answers getMyCommands per scope', async () => {
    const commands = [
      { command: 'balance', description: 'Show your coins' },
      { command: 'link', description: 'Link your Discord account' },
    ];
    await fixture.bot.telegram.setMyCommands(commands);
    await fixture.bot.telegram.setMyCommands([{ command: 'ban', description: 'Moderators only' }], {
      scope: { type: 'all_chat_administrators' },
    });

    expect(await fixture.bot.telegram.getMyCommands()).toEqual(commands);
    expect(await fixture.bot.telegram.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([]);
    const status = await fixture.control.bot(fixture.emulator.defaultBot.username);
    expect(status.commands).toEqual([
      { scope: { type: 'default' }, languageCode: '', commands },
      {
        scope: { type: 'all_chat_administrators' },
        languageCode: '',
        commands: [{ command: 'ban', description: 'Moderators only' }],
      },
    ]);
    await expect(
      fixture.bot.telegram.setMyCommands([{ command: 'Bad Command', description: 'x' }]),
    ).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' },
    });
  });

  it('in groups, hides chatter from a bot in privacy mode but delivers commands and replies to it', async () => {
    const seen: string[] = [];
    let sawJoin: () => void = () => {};
    const joinSeen = new Promise<void>((resolve) => {
      sawJoin = resolve;
    });
    fixture.bot.on('message', async (ctx) => {
      const text = 'text' in ctx.message ? ctx.message.text : `[${Object.keys(ctx.message).join(',')}]`;
      seen.push(text);
      if (text.startsWith('/top')) await ctx.reply('Top players: Ivy');
      if ('new_chat_members' in ctx.message) sawJoin();
    });
    await fixture.launch();

    const ivy = await fixture.control.createUser({ firstName: 'Ivy' });
    const jon = await fixture.control.createUser({ firstName: 'Jon' });
    const group = await fixture.control.createGroup({ title: 'Guild Hall', members: [ivy.id] });
    await fixture.control.sendMessage({ from: ivy.id, chatId: group.id, text: 'gg everyone' });
    await fixture.control.sendCommand({
      from: ivy.id,
      chatId: group.id,
      command: 'top',
      bot: 'other_game_bot',
    });
    const command = await fixture.control.sendCommand({
      from: ivy.id,
      chatId: group.id,
      command: 'top',
      bot: 'tandem_test_bot',
    });
    const reply = onlyBotMessage(
      await fixture.control.waitFor({ types: ['bot.message'], since: command.seq }),
    );
    await fixture.control.sendMessage({
      from: ivy.id,
      chatId: group.id,
      text: 'thanks!',
      replyToMessageId: reply.message_id,
    });
    await fixture.control.addMember(group.id, { userId: jon.id });
    await joinSeen;

    expect(seen).toEqual(['/top@tandem_test_bot', 'thanks!', '[message_id,from,chat,date,new_chat_members]']);
    expect(command.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 20 }]);
  });

  it("carries the user's app language on updates, changed through the control API", async () => {
    const seen: (string | undefined)[] = [];
    fixture.bot.command('hello', (ctx) => {
      seen.push(ctx.from.language_code);
      return ctx.reply('hi');
    });
    await fixture.launch();
    const user = await fixture.control.createUser({ firstName: 'Vera', languageCode: 'ru' });
    expect(user.language_code).toBe('ru');
    const first = await fixture.control.sendCommand({ from: user.id, command: 'hello' });
    await fixture.control.waitFor({ types: ['bot.message'], since: first.seq });
    await fixture.control.updateUser(user.id, { languageCode: 'en' });
    const second = await fixture.control.sendCommand({ from: user.id, command: 'hello' });
    await fixture.control.waitFor({ types: ['bot.message'], since: second.seq });
    const cleared = await fixture.control.updateUser(user.id, { languageCode: null });
    expect(cleared.language_code).toBeUndefined();
    const third = await fixture.control.sendCommand({ from: user.id, command: 'hello' });
    await fixture.control.waitFor({ types: ['bot.message'], since: third.seq });
    expect(seen).toEqual(['ru', 'en', undefined]);
    await expect(fixture.control.updateUser(user.id, { languageCode: 'no such' })).rejects.toThrow(
      /language tag/,
    );
  });

  it('keeps a command list per language and scope, as setMyCommands documents', async () => {
    const english = [{ command: 'help', description: 'What I can do' }];
    const russian = [{ command: 'help', description: 'Что я умею' }];
    await fixture.bot.telegram.setMyCommands(english);
    await fixture.bot.telegram.setMyCommands(russian, { language_code: 'ru' });
    expect(await fixture.bot.telegram.getMyCommands()).toEqual(english);
    expect(await fixture.bot.telegram.getMyCommands({ language_code: 'ru' })).toEqual(russian);
    expect(await fixture.bot.telegram.getMyCommands({ language_code: 'de' })).toEqual([]);
    await expect(fixture.bot.telegram.setMyCommands(russian, { language_code: 'russian' })).rejects.toThrow(
      /invalid language code/,
    );
    await fixture.bot.telegram.deleteMyCommands({ language_code: 'ru' });
    expect(await fixture.bot.telegram.getMyCommands({ language_code: 'ru' })).toEqual([]);
    expect(await fixture.bot.telegram.getMyCommands()).toEqual(english);
  });
});
