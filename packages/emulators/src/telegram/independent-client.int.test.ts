import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngHeader } from '../media/png-header.ts';
import { TelegramControlClient, TelegramEmulator } from './index.ts';

/**
 * The emulator against grammY, a Bot API client Tandem does not use: what it answers must hold
 * for any client written to Telegram's documentation, not only for telegraf.
 */

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let bot: Bot;
let errors: unknown[];
let stopPolling: (() => Promise<void>) | undefined;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
});

beforeEach(async () => {
  await control.reset();
  bot = new Bot(emulator.defaultBot.token, { client: { apiRoot: emulator.url } });
  errors = [];
  bot.catch((error) => {
    errors.push(error.error);
  });
});

afterEach(async () => {
  await stopPolling?.();
  stopPolling = undefined;
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await emulator.stop();
});

/**
 * Starts grammY's long polling and resolves once its first getUpdates is parked, so updates sent
 * afterwards are neither dropped nor raced. `bot.start()` only resolves after `bot.stop()`.
 */
async function startPolling(): Promise<void> {
  const since = emulator.control.lastSeq;
  const running = bot.start();
  running.catch(() => {});
  await Promise.race([
    emulator.control.waitFor({
      types: ['bot.poll'],
      botId: emulator.defaultBot.id,
      since,
      timeoutMs: 10_000,
    }),
    running.then(() => Promise.reject(new Error('grammY stopped before polling'))),
  ]);
  stopPolling = async () => {
    await bot.stop();
    await running;
  };
}

/** A user who opened the private chat with /start: Telegram lets a bot write only to such users. */
async function userWhoStartedTheBot(firstName: string) {
  const user = await control.createUser({ firstName });
  await control.sendCommand({ from: user.id, command: 'start' });
  return user;
}

function botMessage(event: Awaited<ReturnType<TelegramControlClient['waitFor']>>) {
  if (event.type !== 'bot.message') throw new Error(`expected a bot message, got ${event.type}`);
  return event.message;
}

describe('grammY against the Telegram emulator', () => {
  it('connects: getMe fills botInfo, and long polling delivers what a user writes', async () => {
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(`${ctx.from.first_name}: ${ctx.message.text}`);
    });
    await bot.init();
    expect(bot.botInfo).toMatchObject({
      id: emulator.defaultBot.id,
      is_bot: true,
      username: emulator.defaultBot.username,
      can_join_groups: true,
    });
    await startPolling();

    const user = await control.createUser({ firstName: 'Ada' });
    const sent = await control.sendMessage({ from: user.id, text: 'hello bot' });
    await control.waitFor({ types: ['updates.delivered'], since: sent.seq });
    await stopPolling?.();
    stopPolling = undefined;
    expect(seen).toEqual(['Ada: hello bot']);
  });

  it('runs a /command and an inline button: answerCallbackQuery and editMessageText', async () => {
    bot.command('balance', (ctx) =>
      ctx.reply('Balance: 120 coins', {
        reply_markup: new InlineKeyboard().text('Claim daily', 'claim:daily'),
      }),
    );
    bot.callbackQuery('claim:daily', async (ctx) => {
      await ctx.answerCallbackQuery({ text: '+10 coins' });
      await ctx.editMessageText('Balance: 130 coins');
    });
    await startPolling();

    const user = await control.createUser({ firstName: 'Ben' });
    const sent = await control.sendCommand({ from: user.id, command: 'balance' });
    const offer = botMessage(await control.waitFor({ types: ['bot.message'], since: sent.seq }));
    expect(offer).toMatchObject({
      text: 'Balance: 120 coins',
      reply_markup: { inline_keyboard: [[{ text: 'Claim daily', callback_data: 'claim:daily' }]] },
    });

    const pressed = await control.pressButton({
      from: user.id,
      messageId: offer.message_id,
      data: 'claim:daily',
    });
    const edit = await control.waitFor({ types: ['bot.edit'], since: pressed.seq });
    expect(edit).toMatchObject({ message: { message_id: offer.message_id, text: 'Balance: 130 coins' } });
    expect(await control.callback(pressed.callbackQuery.id)).toMatchObject({ answer: { text: '+10 coins' } });
  });

  it('sends, edits and deletes messages', async () => {
    const user = await userWhoStartedTheBot('Cai');
    const sent = await bot.api.sendMessage(user.id, 'Weekly top: Ivy');
    expect(sent).toMatchObject({ chat: { id: user.id, type: 'private' }, text: 'Weekly top: Ivy' });

    const edited = await bot.api.editMessageText(user.id, sent.message_id, 'Weekly top: Ivy, Jon');
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Weekly top: Ivy, Jon' });
    expect(await bot.api.deleteMessage(user.id, sent.message_id)).toBe(true);

    const shown = (await control.messages(user.id)).find((message) => message.message_id === sent.message_id);
    expect(shown).toMatchObject({ text: 'Weekly top: Ivy, Jon', deleted: true });
    await expect(bot.api.deleteMessage(user.id, sent.message_id)).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: message to delete not found',
    });
  });

  it('uploads a photo and a document as multipart, and serves them back through getFile', async () => {
    const user = await userWhoStartedTheBot('Dan');
    const photo = await bot.api.sendPhoto(user.id, new InputFile(pngHeader(64, 32), 'badge.png'), {
      caption: 'New badge',
    });
    expect(photo.caption).toBe('New badge');
    expect(photo.photo?.at(-1)).toMatchObject({ width: 64, height: 32 });

    const csv = Buffer.from('rank,name\n1,Ivy\n');
    const document = await bot.api.sendDocument(user.id, new InputFile(csv, 'leaderboard.csv'));
    expect(document.document).toMatchObject({ file_name: 'leaderboard.csv', file_size: csv.length });

    const file = await bot.api.getFile(document.document?.file_id ?? '');
    const download = await fetch(`${emulator.url}/file/bot${emulator.defaultBot.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe(csv.toString());
  });

  it('reads a member and the administrators of a group', async () => {
    const owner = await control.createUser({ firstName: 'Eve' });
    const member = await control.createUser({ firstName: 'Fin' });
    const group = await control.createGroup({
      title: 'Guild Hall',
      members: [member.id],
      admins: [owner.id, emulator.defaultBot.id],
    });

    expect(await bot.api.getChatMember(group.id, member.id)).toMatchObject({
      status: 'member',
      user: { id: member.id, first_name: 'Fin', is_bot: false },
    });
    const admins = await bot.api.getChatAdministrators(group.id);
    // Telegram documents no order for the administrators.
    expect(admins.map((admin) => [admin.user.id, admin.status]).sort()).toEqual(
      [
        [owner.id, 'administrator'],
        [emulator.defaultBot.id, 'administrator'],
      ].sort(),
    );
    await expect(bot.api.getChatMember(group.id, 999_999_999)).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: user not found',
    });
  });

  it('surfaces a 429 as a GrammyError with retry_after, and a call after the wait gets through', async () => {
    const user = await userWhoStartedTheBot('Gus');
    await control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 1, method: 'sendMessage' });

    const refused = await bot.api.sendMessage(user.id, 'Daily reward').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GrammyError);
    expect(refused).toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    await new Promise((resolve) =>
      setTimeout(resolve, ((refused as GrammyError).parameters.retry_after ?? 1) * 1000),
    );
    expect(await bot.api.sendMessage(user.id, 'Daily reward')).toMatchObject({ text: 'Daily reward' });
  });

  it('keeps polling through a 429 on getUpdates: grammY waits retry_after and polls again', async () => {
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(ctx.message.text);
    });
    await startPolling();
    const user = await control.createUser({ firstName: 'Hal' });
    await control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 1, method: 'getUpdates' });

    const first = await control.sendMessage({ from: user.id, text: 'first' });
    const delivered = await control.waitFor({ types: ['updates.delivered'], since: first.seq });
    const second = await control.sendMessage({ from: user.id, text: 'second' });
    await control.waitFor({ types: ['updates.delivered'], since: second.seq, timeoutMs: 10_000 });

    const calls = await control.log({ types: ['api.call'], since: delivered.seq });
    expect(
      calls.some(
        (call) => call.type === 'api.call' && call.method === 'getUpdates' && call.errorCode === 429,
      ),
    ).toBe(true);
    expect(seen).toEqual(['first', 'second']);
  });

  it('survives a 502 on getUpdates and a cut poll connection, and delivers what came meanwhile', async () => {
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(ctx.message.text);
    });
    await startPolling();
    const user = await control.createUser({ firstName: 'Ike' });

    await control.failNextCalls({ method: 'getUpdates', status: 502 });
    expect(await control.dropPolls()).toEqual({ dropped: [emulator.defaultBot.id] });
    const sent = await control.sendMessage({ from: user.id, text: 'after the outage' });
    await control.waitFor({ types: ['updates.delivered'], since: sent.seq, timeoutMs: 20_000 });

    const calls = await control.log({ types: ['api.call'], since: sent.seq });
    expect(
      calls.some(
        (call) => call.type === 'api.call' && call.method === 'getUpdates' && call.errorCode === 502,
      ),
    ).toBe(true);
    expect(seen).toEqual(['after the outage']);
  });
});
