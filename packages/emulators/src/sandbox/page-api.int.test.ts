import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordControlClient, DiscordEmulator } from '../discord/index.ts';
import { TelegramControlClient, TelegramEmulator } from '../telegram/index.ts';
import { ControlApiError, discordApi, telegramApi } from './api.js';
import { type DemoWorld, seedDemoWorld } from './index.ts';

// The emulators' guides live with the rest of Tandem's documentation, in the repository's docs/.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The control endpoints api.js may call, as the emulator guides document them: method, `prefix`
 * and path exactly as written there. Every call the page's module makes must be one of these.
 */
const DOCUMENTED = {
  telegram: {
    doc: 'docs/emulators/telegram.md',
    prefix: '/control',
    endpoints: [
      'GET /world',
      'GET /bots/:bot',
      'POST /users',
      'GET /chats/:chatId/messages',
      'POST /messages',
      'POST /commands',
      'POST /callbacks',
      'POST /reactions',
      'POST /poll-votes',
      'POST /web-apps',
      'GET /events',
    ],
  },
  discord: {
    doc: 'docs/emulators/discord.md',
    prefix: '',
    endpoints: [
      'GET /state',
      'POST /users',
      'POST /guilds/:guildId/members',
      'DELETE /guilds/:guildId/members/:userId',
      'PUT /guilds/:guildId/bans/:userId',
      'DELETE /guilds/:guildId/bans/:userId',
      'GET /commands',
      'GET /channels/:channelId/messages',
      'GET /dms',
      'GET /role-changes',
      'POST /channels/:channelId/messages',
      'POST /dms',
      'POST /interactions/commands',
      'POST /interactions/components',
      'POST /interactions/autocomplete',
      'POST /interactions/modals',
      'GET /interactions/:id',
      'PUT /guilds/:guildId/voice/:userId',
      'DELETE /guilds/:guildId/voice/:userId',
      'GET /events',
    ],
  },
} as const;

describe('api.js against running emulators', () => {
  const telegram = new TelegramEmulator();
  const discord = new DiscordEmulator();
  const calls: Array<{ platform: 'telegram' | 'discord'; method: string; path: string }> = [];
  const realFetch = globalThis.fetch;
  let pageIsCalling = false;
  /** Runs `call` as the page: the requests it starts are recorded. */
  const asPage = <T>(call: () => T): T => {
    const outer = pageIsCalling;
    pageIsCalling = true;
    try {
      return call();
    } finally {
      pageIsCalling = outer;
    }
  };
  /** The page's api object, each function recorded as the page's (fetch starts synchronously). */
  const recorded = <A extends object>(api: A): A =>
    Object.fromEntries(
      Object.entries(api).map(([name, fn]) => [name, (...args: unknown[]) => asPage(() => fn(...args))]),
    ) as A;
  let origins: { telegram: string; discord: string };
  let demo: DemoWorld;

  beforeAll(async () => {
    const [{ url }, discordUrls] = await Promise.all([telegram.start(), discord.start()]);
    origins = { telegram: new URL(url).origin, discord: new URL(discordUrls.url).origin };
    demo = await seedDemoWorld(url, discordUrls.controlUrl);
    // Records what the page's module sends; the test's own control, Bot API and REST calls are not the page's.
    globalThis.fetch = (input, init) => {
      const target = new URL(input instanceof Request ? input.url : String(input));
      if (pageIsCalling)
        calls.push({
          platform: target.origin === origins.telegram ? 'telegram' : 'discord',
          method: init?.method ?? 'GET',
          path: target.pathname.replace(/^\/control/, ''),
        });
      return realFetch(input, init);
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await Promise.all([telegram.stop(), discord.stop()]);
  });

  it('plays a Telegram user: chat, command, button, a new user', async () => {
    const api = recorded(telegramApi(`${telegram.url}/control`));
    const control = new TelegramControlClient(telegram.url);
    const { bot, users } = demo.telegram;
    const ana = users[0]!;

    const world = await api.world();
    expect(world.users.map((user) => user.username)).toEqual(['ana_plays', 'ben_builds', 'vera_igraet']);
    expect(world.users.map((user) => user.language_code)).toEqual(['en', 'en', 'ru']);
    const noChat = await api.messages(ana.id, bot.id).catch((error: unknown) => error);
    expect(noChat).toBeInstanceOf(ControlApiError);
    expect(noChat).toMatchObject({ status: 404, message: expect.stringContaining('has no chat') });

    await api.sendMessage({ from: ana.id, bot: bot.id, text: 'hello' });
    const command = await api.sendCommand({ from: ana.id, bot: bot.id, command: 'balance', args: 'top' });
    expect(command.message).toMatchObject({
      text: '/balance top',
      entities: [{ type: 'bot_command', offset: 0 }],
    });

    const sent = await botApi(telegram.url, bot.token, 'sendMessage', {
      chat_id: ana.id,
      text: 'You have 10 coins',
      reply_markup: { inline_keyboard: [[{ text: 'Claim daily', callback_data: 'claim:daily' }]] },
    });
    const pressed = await api.pressButton({
      from: ana.id,
      bot: bot.id,
      messageId: sent.message_id,
      data: 'claim:daily',
    });
    const queryId = (pressed.callbackQuery as { id: string }).id;
    await botApi(telegram.url, bot.token, 'answerCallbackQuery', {
      callback_query_id: queryId,
      text: '+5 coins',
    });
    expect((await control.callback(queryId)).answer).toMatchObject({ text: '+5 coins' });

    const chat = await api.messages(ana.id, bot.id);
    expect(chat.map((message) => message.text)).toEqual(['hello', '/balance top', 'You have 10 coins']);

    const status = await api.bot(bot.id);
    expect(status).toMatchObject({ bot: { username: 'emulator_bot' }, polling: false });
    const cleo = await api.createUser({ firstName: 'Cleo', username: 'cleo_games', languageCode: 'ru' });
    expect(cleo.language_code).toBe('ru');
    expect((await control.world()).users.find((user) => user.id === cleo.id)?.language_code).toBe('ru');

    // The page opens this URL with EventSource.
    await asPage(() => expectEventStream(api.eventsUrl()));
  });

  it('plays Telegram users in the community group: posts, a poll to vote in, reactions, a pin, Mini Apps', async () => {
    const api = recorded(telegramApi(`${telegram.url}/control`));
    const control = new TelegramControlClient(telegram.url);
    const { bot, users, group } = demo.telegram;
    const [ana, ben] = users as [DemoWorld['telegram']['users'][0], DemoWorld['telegram']['users'][0]];
    const chatId = group!.id;
    const world = await api.world();
    expect(world.groups.find((candidate) => candidate.id === chatId)).toMatchObject({
      title: 'Tandem Community',
      members: expect.arrayContaining([expect.objectContaining({ id: bot.id, status: 'administrator' })]),
    });

    await api.sendGroupMessage({ from: ana.id, chatId, text: 'raid tonight?' });
    const command = await api.sendGroupCommand({ from: ben.id, chatId, bot: bot.id, command: 'top' });
    expect(command.message).toMatchObject({ text: `/top@${bot.username}` });
    const poll = await botApi(telegram.url, bot.token, 'sendPoll', {
      chat_id: chatId,
      question: 'When do we raid?',
      options: [{ text: 'Tonight' }, { text: 'Tomorrow' }],
      is_anonymous: false,
      reply_markup: { inline_keyboard: [[{ text: 'Remind me', callback_data: 'remind' }]] },
    });
    const voted = await api.votePoll({ from: ben.id, chatId, messageId: poll.message_id, optionIds: [1] });
    expect(voted.poll).toMatchObject({
      options: [
        { text: 'Tonight', voter_count: 0 },
        { text: 'Tomorrow', voter_count: 1 },
      ],
      total_voter_count: 1,
    });
    // The page follows other people's votes live: the event names the poll's message.
    const [answer] = await control.log({ types: ['user.poll_answer'], chatId });
    expect(answer).toMatchObject({ userId: ben.id, messageId: poll.message_id, optionIds: [1] });
    const pressed = await api.pressGroupButton({
      from: ana.id,
      chatId,
      messageId: poll.message_id,
      data: 'remind',
    });
    expect(pressed).toMatchObject({ callbackQuery: { from: { id: ana.id }, data: 'remind' } });
    const reacted = await api.react({ from: ana.id, chatId, messageId: poll.message_id, reaction: ['🔥'] });
    expect(reacted.newReaction).toEqual([{ type: 'emoji', emoji: '🔥' }]);
    const refused = await api
      .react({ from: ana.id, chatId, messageId: poll.message_id, reaction: ['🦖'] })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('not a reaction emoji') });
    await botApi(telegram.url, bot.token, 'pinChatMessage', { chat_id: chatId, message_id: poll.message_id });

    const messages = await api.groupMessages(chatId);
    const pollMessage = messages.find((message) => message.message_id === poll.message_id);
    expect(pollMessage).toMatchObject({
      pollVotes: { [ben.id]: [1] },
      reactions: { [`user:${ana.id}`]: [{ type: 'emoji', emoji: '🔥' }] },
      pinOrder: 0,
    });
    expect(messages.at(-1)).toMatchObject({
      from: { id: bot.id },
      pinned_message: { message_id: poll.message_id },
    });
    expect(messages.map((message) => message.text).filter(Boolean)).toEqual(
      expect.arrayContaining(['raid tonight?', `/top@${bot.username}`]),
    );

    // The bot gives Ana her own Mini App menu button; Ben keeps the default one.
    await botApi(telegram.url, bot.token, 'setChatMenuButton', {
      chat_id: ana.id,
      menu_button: { type: 'web_app', text: 'Open the app', web_app: { url: 'http://127.0.0.1:9/app/' } },
    });
    expect((await api.bot(bot.id, { user: ana.id })).menuButton).toEqual({
      type: 'web_app',
      text: 'Open the app',
      web_app: { url: 'http://127.0.0.1:9/app/' },
    });
    expect((await api.bot(bot.id, { user: ben.id })).menuButton).toEqual({ type: 'commands' });
    const menuApp = await api.openWebApp({ user: ana.id, bot: bot.id });
    expect(menuApp.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/app\/#tgWebAppData=/);
    // A web_app button of a message opens its own address.
    const buttonApp = await api.openWebApp({ user: ben.id, bot: bot.id, url: 'http://127.0.0.1:9/shop/' });
    expect(buttonApp.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/shop\/#tgWebAppData=/);
  });

  it('plays a Discord member leaving, rejoining, banned and unbanned', async () => {
    const api = recorded(discordApi(discord.urls.controlUrl));
    const control = new DiscordControlClient(discord.urls.controlUrl);
    const { guildId, users } = demo.discord;
    const memberIds = async () => (await control.guild(guildId)).members.map((member) => member.user.id);
    const history = async (after = 0) =>
      (await (await fetch(`${discord.urls.controlUrl}/events/history?after=${after}`)).json()) as Array<{
        seq: number;
        kind: string;
      }>;
    const since = (await history()).at(-1)?.seq ?? 0;

    await api.removeMember(guildId, users.bob);
    expect(await memberIds()).not.toContain(users.bob);
    await api.addMember(guildId, users.bob);
    expect(await memberIds()).toContain(users.bob);

    await api.banUser(guildId, users.bob, { reason: 'banned in the sandbox' });
    expect(await memberIds()).not.toContain(users.bob);
    const banned = (await api.state()).guilds[0] as { bans: Array<{ userId: string; reason: string }> };
    expect(banned.bans).toEqual([{ userId: users.bob, reason: 'banned in the sandbox' }]);
    const refused = await api.addMember(guildId, users.bob).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ControlApiError);
    expect(refused).toMatchObject({ status: 403, message: expect.stringContaining('banned') });

    await api.unbanUser(guildId, users.bob);
    expect(((await api.state()).guilds[0] as { bans: unknown[] }).bans).toEqual([]);
    await api.addMember(guildId, users.bob);
    expect(await memberIds()).toContain(users.bob);

    // What happened, in Discord's order: a ban, then the removal (bans.int.test.ts follows the
    // same to a connected bot as GUILD_BAN_ADD and GUILD_MEMBER_REMOVE).
    const kinds = (await history(since))
      .map((event) => event.kind)
      .filter((kind) => kind.startsWith('member.'));
    expect(kinds).toEqual([
      'member.removed',
      'member.added',
      'member.banned',
      'member.removed',
      'member.unbanned',
      'member.added',
    ]);
  });

  it('plays a Discord member: message, slash command, button, DM, voice, roles', async () => {
    const api = recorded(discordApi(discord.urls.controlUrl));
    const control = new DiscordControlClient(discord.urls.controlUrl);
    const { bot, guildId, channels, users, roles } = demo.discord;

    const state = await api.state();
    expect((state.guilds[0] as { name: string }).name).toBe('Tandem Test Guild');

    await rest(
      discord.urls.apiUrl,
      bot.token,
      'PUT',
      `/applications/${bot.applicationId}/guilds/${guildId}/commands`,
      [
        {
          name: 'balance',
          description: 'Show coins',
          options: [{ type: 6, name: 'player', description: 'Whose coins' }],
        },
      ],
    );
    const commands = await api.commands(bot.applicationId);
    expect(commands.map((command) => command.name)).toEqual(['balance']);

    await api.sendMessage(channels.general, { authorId: users.alice, content: 'hi all' });
    const interaction = await api.runCommand({
      channelId: channels.general,
      userId: users.alice,
      applicationId: bot.applicationId,
      name: 'balance',
      options: { player: users.bob },
    });
    await rest(
      discord.urls.apiUrl,
      null,
      'POST',
      `/interactions/${interaction.id}/${interaction.token}/callback`,
      {
        type: 4,
        data: {
          content: 'bob has 10 coins',
          components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Claim', custom_id: 'claim' }] }],
        },
      },
    );
    const general = await api.channelMessages(channels.general);
    expect(general.map((message) => message.content)).toEqual(['hi all', 'bob has 10 coins']);
    const reply = general[1] as { id: string; interaction_metadata: { user: { id: string } } };
    expect(reply.interaction_metadata.user.id).toBe(users.alice);
    const press = await api.pressComponent({ messageId: reply.id, userId: users.alice, customId: 'claim' });
    expect(press).toMatchObject({ state: 'pending', userId: users.alice });

    // Typing into an autocomplete option; the bot's choices come back on the interaction.
    await rest(
      discord.urls.apiUrl,
      bot.token,
      'PUT',
      `/applications/${bot.applicationId}/guilds/${guildId}/commands`,
      [
        {
          name: 'shop',
          description: 'Buy',
          options: [{ type: 3, name: 'item', description: 'What', autocomplete: true }],
        },
        { name: 'report', description: 'Report a player' },
      ],
    );
    const typing = await api.typeIntoOption({
      channelId: channels.general,
      userId: users.alice,
      applicationId: bot.applicationId,
      name: 'shop',
      options: { item: 'sw' },
      focused: 'item',
    });
    await rest(discord.urls.apiUrl, null, 'POST', `/interactions/${typing.id}/${typing.token}/callback`, {
      type: 8,
      data: { choices: [{ name: 'Sword', value: 'sword' }] },
    });
    const suggested = await api.interactionResponse(typing.id, { timeoutMs: 2000 });
    expect(suggested.response).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'Sword', value: 'sword' }] },
    });

    // A modal the bot opens, filled in and submitted.
    const report = await api.runCommand({
      channelId: channels.general,
      userId: users.alice,
      applicationId: bot.applicationId,
      name: 'report',
    });
    await rest(discord.urls.apiUrl, null, 'POST', `/interactions/${report.id}/${report.token}/callback`, {
      type: 9,
      data: {
        custom_id: 'report-form',
        title: 'Report',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'who', label: 'Who', style: 1 }] }],
      },
    });
    const submitted = await api.submitModal({ interactionId: report.id, values: { who: 'bob' } });
    expect(submitted).toMatchObject({ type: 5, state: 'pending', data: { custom_id: 'report-form' } });

    const dm = await api.sendDirectMessage({
      userId: users.alice,
      botUserId: bot.userId,
      content: 'hey bot',
    });
    const dms = await api.directMessages({ userId: users.alice, botUserId: bot.userId });
    expect(dms).toMatchObject([{ channelId: dm.channelId, messages: [{ content: 'hey bot' }] }]);

    await api.setVoiceState(guildId, users.alice, { channelId: channels.lounge });
    await api.setVoiceState(guildId, users.alice, { selfMute: true });
    expect((await control.guild(guildId)).voiceStates).toMatchObject([
      { user_id: users.alice, channel_id: channels.lounge, self_mute: true },
    ]);
    await api.leaveVoice(guildId, users.alice);
    expect((await control.guild(guildId)).voiceStates).toEqual([]);

    await control.changeRolesAsModerator(guildId, users.alice, { add: [roles.bronze] });
    expect(await api.roleChanges({ guildId, userId: users.alice })).toMatchObject([
      { roleId: roles.bronze, action: 'add', actorKind: 'moderator' },
    ]);

    const refused = await api
      .runCommand({ channelId: channels.general, userId: users.alice, name: 'nope' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ControlApiError);
    expect(refused).toMatchObject({ status: 422 });

    const vera = await api.createUser({ username: 'vera', locale: 'ru' });
    expect(vera.locale).toBe('ru');
    await api.addMember(guildId, vera.id);
    expect((await control.guild(guildId)).members.map((member) => member.user.id)).toContain(vera.id);
    const known = (await api.state()).users as { id: string; locale: string }[];
    expect(known.find((user) => user.id === vera.id)?.locale).toBe('ru');

    // The page opens this URL with EventSource.
    await asPage(() => expectEventStream(api.eventsUrl()));
  });

  it('called only documented control endpoints, and each of them', () => {
    for (const platform of ['telegram', 'discord'] as const) {
      const { doc, prefix, endpoints } = DOCUMENTED[platform];
      const guide = readFileSync(join(REPO_ROOT, doc), 'utf8');
      for (const endpoint of endpoints) {
        const [method, path] = endpoint.split(' ');
        expect(guide, `${doc} documents ${endpoint}`).toContain(`${method} ${prefix}${path}`);
      }
      const matchers = endpoints.map((endpoint) => {
        const [method, path] = endpoint.split(' ') as [string, string];
        return { endpoint, method, pattern: new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`) };
      });
      const used = new Set<string>();
      for (const call of calls.filter((c) => c.platform === platform)) {
        const match = matchers.find((m) => m.method === call.method && m.pattern.test(call.path));
        expect(match, `${platform}: ${call.method} ${call.path} is documented`).toBeDefined();
        used.add(match!.endpoint);
      }
      expect([...used].sort()).toEqual([...endpoints].sort());
    }
  });
});

async function botApi(url: string, token: string, method: string, params: object) {
  const response = await fetch(`${url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { ok: boolean; result: { message_id: number } };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}

async function rest(apiUrl: string, token: string | null, method: string, path: string, body: unknown) {
  const response = await fetch(`${apiUrl}/v10${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bot ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
}

/** The stream answers as an EventSource needs: 200, `text/event-stream`. */
async function expectEventStream(url: string) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  abort.abort();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
}
