import { Markup } from 'telegraf';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

beforeEach(async () => {
  await fixture.control.updateBot(fixture.emulator.defaultBot.id, {
    supportsInlineQueries: true,
    inlineFeedback: true,
  });
});

function article(id: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'article' as const,
    id,
    title: `Item ${id}`,
    input_message_content: { message_text: text },
    ...extra,
  };
}

describe('inline mode', () => {
  it('delivers inline_query to a telegraf bot and records its answer', async () => {
    fixture.bot.on('inline_query', (ctx) =>
      ctx.answerInlineQuery([article('1', `Balance of ${ctx.inlineQuery.query}`)], {
        cache_time: 5,
        is_personal: true,
        next_offset: '10',
      }),
    );
    await fixture.launch();
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    expect(await fixture.bot.telegram.getMe()).toMatchObject({ supports_inline_queries: true });

    const typed = await fixture.control.typeInlineQuery({
      from: ana.id,
      query: 'gold',
      chatType: 'supergroup',
      waitForAnswerMs: 5000,
    });

    expect(typed.update?.inline_query).toEqual({
      id: typed.inlineQuery.id,
      from: expect.objectContaining({ id: ana.id, first_name: 'Ana' }),
      query: 'gold',
      offset: '',
      chat_type: 'supergroup',
    });
    expect(typed.answer).toMatchObject({
      results: [article('1', 'Balance of gold')],
      cacheTime: 5,
      isPersonal: true,
      nextOffset: '10',
    });
    expect(await fixture.control.inlineQuery(typed.inlineQuery.id)).toMatchObject({
      botId: fixture.emulator.defaultBot.id,
      answer: { cacheTime: 5 },
    });
  });

  it('sends the chosen result to the chat via the bot and tells the bot in chosen_inline_result', async () => {
    const chosen: unknown[] = [];
    fixture.bot.on('inline_query', (ctx) =>
      ctx.answerInlineQuery([
        article('plain', 'I have 50 coins'),
        article('shop', '*Shop* is open', {
          input_message_content: { message_text: '*Shop* is open', parse_mode: 'MarkdownV2' },
          ...Markup.inlineKeyboard([Markup.button.callback('Buy', 'buy')]),
        }),
      ]),
    );
    fixture.bot.on('chosen_inline_result', (ctx) => {
      chosen.push(ctx.chosenInlineResult);
    });
    await fixture.launch();
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const group = await fixture.control.createGroup({ title: 'Guild', members: [ana.id] });
    const typed = await fixture.control.typeInlineQuery({
      from: ana.id,
      query: 'coins',
      waitForAnswerMs: 5000,
    });

    const sent = await fixture.control.chooseInlineResult({
      from: ana.id,
      inlineQueryId: typed.inlineQuery.id,
      resultId: 'shop',
      chatId: group.id,
    });
    expect(sent.message).toMatchObject({
      from: { id: ana.id },
      chat: { id: group.id },
      text: 'Shop is open',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
      via_bot: {
        id: fixture.emulator.defaultBot.id,
        is_bot: true,
        username: fixture.emulator.defaultBot.username,
      },
      reply_markup: { inline_keyboard: [[{ text: 'Buy', callback_data: 'buy' }]] },
    });
    const plain = await fixture.control.chooseInlineResult({
      from: ana.id,
      inlineQueryId: typed.inlineQuery.id,
      resultId: 'plain',
    });
    expect(plain.message).toMatchObject({ chat: { id: ana.id, type: 'private' }, text: 'I have 50 coins' });

    await fixture.control.waitFor({ types: ['updates.delivered'], since: plain.seq, timeoutMs: 5000 });
    await expect.poll(() => chosen.length).toBe(2);
    expect(chosen[0]).toEqual({
      result_id: 'shop',
      from: expect.objectContaining({ id: ana.id }),
      query: 'coins',
      inline_message_id: expect.any(String),
    });
    expect(chosen[1]).toEqual({
      result_id: 'plain',
      from: expect.objectContaining({ id: ana.id }),
      query: 'coins',
    });
  });

  it('sends no chosen_inline_result without inline feedback, and no query with inline mode off', async () => {
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    await fixture.control.updateBot(fixture.emulator.defaultBot.id, { inlineFeedback: false });
    const typed = await fixture.control.typeInlineQuery({ from: ana.id, query: '' });
    await fixture.bot.telegram.answerInlineQuery(typed.inlineQuery.id, [article('1', 'hi')]);
    const chosen = await fixture.control.chooseInlineResult({
      from: ana.id,
      inlineQueryId: typed.inlineQuery.id,
      resultId: '1',
    });
    expect(chosen.update).toBeUndefined();
    expect(chosen.message).toMatchObject({ text: 'hi', via_bot: { id: fixture.emulator.defaultBot.id } });

    await fixture.control.updateBot(fixture.emulator.defaultBot.id, { supportsInlineQueries: false });
    expect(await fixture.bot.telegram.getMe()).toMatchObject({ supports_inline_queries: false });
    await expect(fixture.control.typeInlineQuery({ from: ana.id, query: 'x' })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('takes an answer without results as an empty one, as the Bot API server does', async () => {
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const typed = await fixture.control.typeInlineQuery({ from: ana.id, query: 'nothing' });
    const reply = await callBotApi(fixture.url, fixture.emulator.defaultBot.token, 'answerInlineQuery', {
      inline_query_id: typed.inlineQuery.id,
    });
    expect(reply.body).toEqual({ ok: true, result: true });
  });

  it('refuses answers Telegram refuses', async () => {
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const typed = await fixture.control.typeInlineQuery({ from: ana.id, query: 'q' });
    const answer = (results: unknown, extra: Record<string, unknown> = {}) =>
      callBotApi(fixture.url, fixture.emulator.defaultBot.token, 'answerInlineQuery', {
        inline_query_id: typed.inlineQuery.id,
        results,
        ...extra,
      }).then((reply) => reply.body.description);

    const many = Array.from({ length: 51 }, (_, index) => article(String(index), 'x'));
    expect(await answer(many)).toBe('Bad Request: too many inline query results specified');
    expect(await answer({ type: 'article' })).toBe('Bad Request: expected an Array of inline query results');
    expect(await answer([{ type: 'photo', id: '1' }])).toBe(
      `Bad Request: can't parse inline query result: Can't find field "photo_file_id"`,
    );
    expect(await answer([{ type: 'article', id: '1', title: 'Shop' }])).toBe(
      `Bad Request: can't parse inline query result: Can't find field "message_text"`,
    );
    expect(await answer([article('1', 'a')], { button: { text: 'Open' } })).toBe(
      "Bad Request: can't parse inline query results button: InlineQueryResultsButton must have exactly one optional field",
    );
    expect(await answer([article('1', 'a'), article('1', 'b')])).toBe('Bad Request: RESULT_ID_DUPLICATE');
    expect(await answer([{ type: 'hologram', id: '1' }])).toBe(
      'Bad Request: can\'t parse inline query result: type "hologram" is unsupported for the inline query result',
    );
    expect(await answer([article('1', 'a')], { next_offset: 'x'.repeat(65) })).toBe(
      'Bad Request: next_offset is too long',
    );
    // Fifty results are fine; a second answer to the same query is not.
    expect(await answer(many.slice(0, 50))).toBeUndefined();
    expect(await answer([article('1', 'a')])).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    const unknown = await callBotApi(fixture.url, fixture.emulator.defaultBot.token, 'answerInlineQuery', {
      inline_query_id: '123',
      results: [],
    });
    expect(unknown.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
  });
});
