import { Telegraf } from 'telegraf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorEvent } from './index.ts';
import { ControlRequestError, TelegramControlClient, TelegramEmulator } from './index.ts';
import { launchPollingBot, type RunningBot } from './testing.ts';

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let running: RunningBot | undefined;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
});

beforeEach(async () => {
  await control.reset();
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

afterAll(async () => {
  await emulator.stop();
});

/**
 * Opens the control event stream; resolves once the headers arrived (the server subscribes before
 * sending them), so events after this are seen live. `read(count)` collects that many, then closes.
 */
async function openEvents(path: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${emulator.url}/control/events${path}`, { headers, signal: abort.signal });
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
    const bot = new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: emulator.url } });
    bot.command('rank', (ctx) => ctx.reply('You are Silver III'));
    running = await launchPollingBot(emulator, bot);
    const user = await control.createUser({ firstName: 'Vic' });

    const stream = await openEvents('?types=user.message,bot.message');
    const sent = await control.sendCommand({ from: user.id, command: 'rank' });
    const events = await stream.read(2);
    expect(events.map((event) => event.type)).toEqual(['user.message', 'bot.message']);
    expect(events[1]).toMatchObject({ chatId: user.id, message: { text: 'You are Silver III' } });

    const replay = await openEvents('?types=bot.message', { 'last-event-id': String(sent.seq) });
    const replayed = await replay.read(1);
    expect(replayed[0]?.seq).toBe(events[1]?.seq);
  });

  it('builds groups, moves members and shows a bot its status', async () => {
    const wes = await control.createUser({ firstName: 'Wes', username: 'wes_gg' });
    const group = await control.createGroup({ title: 'Tandem Guild', members: [wes.id], admins: [] });
    expect(group).toMatchObject({ type: 'supergroup', title: 'Tandem Guild' });
    expect(group.id).toBeLessThan(-1_000_000_000_000);
    expect(group.members).toEqual([
      { id: wes.id, status: 'member', isBot: false },
      { id: emulator.defaultBot.id, status: 'member', isBot: true },
    ]);

    const telegram = new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: emulator.url } })
      .telegram;
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

    const left = await control.removeMember(group.id, wes.id);
    expect((await telegram.getChatMember(group.id, wes.id)).status).toBe('left');
    expect(left.message?.message).toMatchObject({ left_chat_member: { id: wes.id } });
    expect(left.group.members[0]).toEqual({ id: wes.id, status: 'left', isBot: false });

    const status = await control.bot(emulator.defaultBot.id);
    expect(status).toMatchObject({
      bot: { username: 'emulator_bot', token: emulator.defaultBot.token },
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
    expect(await refusal(control.sendMessage({ from: 5, text: 'hi' }))).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No user 5; create one with POST /control/users',
    });
    expect(await refusal(control.sendMessage({ from: 5, text: '' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: expect.stringContaining('text'),
    });
    const user = await control.createUser({ firstName: 'Xia' });
    const sent = await control.sendMessage({ from: user.id, text: 'no buttons here' });
    expect(
      await refusal(control.pressButton({ from: user.id, messageId: sent.message.message_id, data: 'x' })),
    ).toMatchObject({
      status: 400,
      message: `Message ${sent.message.message_id} was not sent by a bot`,
    });

    const malformed = await fetch(`${emulator.url}/control/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('resets to a fresh world with the same bots', async () => {
    const user = await control.createUser({ firstName: 'Yan' });
    await control.sendMessage({ from: user.id, text: 'hello' });
    await control.setLatency(5);

    const world = await control.reset();
    expect(world).toEqual({
      bots: [expect.objectContaining({ id: emulator.defaultBot.id })],
      users: [],
      groups: [],
    });
    expect(await control.faults()).toEqual({ latencyMs: 0, serverErrors: [] });
    expect((await control.bot(emulator.defaultBot.id)).pendingUpdates).toBe(0);
  });
});
