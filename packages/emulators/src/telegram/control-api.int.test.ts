import { Telegraf } from 'telegraf';
import { describe, expect, it } from 'vitest';
import type { EmulatorEvent } from './index.ts';
import { ControlRequestError } from './index.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

/**
 * Opens the control event stream; resolves once the headers arrived (the server subscribes before
 * sending them), so events after this are seen live. `read(count)` collects that many, then closes.
 */
async function openEvents(path: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${fixture.url}/control/events${path}`, {
    headers,
    signal: abort.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  return {
    async read(count: number): Promise<EmulatorEvent[]> {
      const events: EmulatorEvent[] = [];
      let buffer = '';
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) events.push(JSON.parse(data) as EmulatorEvent);
          buffer = buffer.slice(end + 2);
        }
      }
      abort.abort();
      return events;
    },
  };
}

describe('control API', () => {
  it('streams user and bot messages as Server-Sent Events, and replays after Last-Event-ID', async () => {
    const { bot } = fixture;
    bot.command('rank', (ctx) => ctx.reply('You are Silver III'));
    await fixture.launch();
    const user = await fixture.control.createUser({ firstName: 'Vic' });

    const stream = await openEvents('?types=user.message,bot.message');
    const sent = await fixture.control.sendCommand({ from: user.id, command: 'rank' });
    const events = await stream.read(2);
    expect(events.map((event) => event.type)).toEqual(['user.message', 'bot.message']);
    expect(events[1]).toMatchObject({ chatId: user.id, message: { text: 'You are Silver III' } });

    const replay = await openEvents('?types=bot.message', { 'last-event-id': String(sent.seq) });
    const replayed = await replay.read(1);
    expect(replayed[0]?.seq).toBe(events[1]?.seq);
  });

  it('builds groups, moves members and shows a bot its status', async () => {
    const wes = await fixture.control.createUser({ firstName: 'Wes', username: 'wes_gg' });
    const group = await fixture.control.createGroup({ title: 'Tandem Guild', members: [wes.id], admins: [] });
    expect(group).toMatchObject({ type: 'supergroup', title: 'Tandem Guild' });
    expect(group.id).toBeLessThan(-1_000_000_000_000);
    expect(group.members).toEqual([
      { id: wes.id, status: 'member', isBot: false },
      { id: fixture.emulator.defaultBot.id, status: 'member', isBot: true },
    ]);

    const telegram = new Telegraf(fixture.emulator.defaultBot.token, {
      telegram: { apiRoot: fixture.url },
    }).telegram;
    expect(await telegram.getChat(group.id)).toMatchObject({
      id: group.id,
      type: 'supergroup',
      title: 'Tandem Guild',
    });
    expect(await telegram.getChatMember(group.id, wes.id)).toEqual({
      status: 'member',
      user: { id: wes.id, is_bot: false, first_name: 'Wes', username: 'wes_gg' },
    });
    expect(await telegram.getChatMembersCount(group.id)).toBe(2);

    const left = await fixture.control.removeMember(group.id, wes.id);
    expect((await telegram.getChatMember(group.id, wes.id)).status).toBe('left');
    expect(left.message?.message).toMatchObject({ left_chat_member: { id: wes.id } });
    expect(left.group.members[0]).toEqual({ id: wes.id, status: 'left', isBot: false });

    const status = await fixture.control.bot(fixture.emulator.defaultBot.id);
    expect(status).toMatchObject({
      bot: { username: 'emulator_bot', token: fixture.emulator.defaultBot.token },
      webhook: { url: '', pending_update_count: 1 },
      pendingUpdates: 1,
    });
  });

  it('refuses bad control requests with a code and a message that says what to fix', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) =>
          error instanceof ControlRequestError
            ? { status: error.status, code: error.code, message: error.message }
            : error,
      );
    expect(await refusal(fixture.control.sendMessage({ from: 5, text: 'hi' }))).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No user 5; create one with POST /control/users',
    });
    expect(await refusal(fixture.control.sendMessage({ from: 5, text: '' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: expect.stringContaining('text'),
    });
    const user = await fixture.control.createUser({ firstName: 'Xia' });
    const sent = await fixture.control.sendMessage({ from: user.id, text: 'no buttons here' });
    expect(
      await refusal(
        fixture.control.pressButton({ from: user.id, messageId: sent.message.message_id, data: 'x' }),
      ),
    ).toMatchObject({
      status: 400,
      message: `Message ${sent.message.message_id} was not sent by a bot`,
    });

    const malformed = await fetch(`${fixture.url}/control/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('resets to a fresh world with the same bots', async () => {
    const user = await fixture.control.createUser({ firstName: 'Yan' });
    await fixture.control.sendMessage({ from: user.id, text: 'hello' });
    await fixture.control.setLatency(5);

    const world = await fixture.control.reset();
    expect(world).toEqual({
      bots: [expect.objectContaining({ id: fixture.emulator.defaultBot.id })],
      users: [],
      groups: [],
    });
    expect(await fixture.control.faults()).toEqual({ latencyMs: 0, serverErrors: [] });
    expect((await fixture.control.bot(fixture.emulator.defaultBot.id)).pendingUpdates).toBe(0);
  });
});
