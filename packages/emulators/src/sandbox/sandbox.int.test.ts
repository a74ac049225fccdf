import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordControlClient, DiscordEmulator } from '../discord/index.ts';
import { parseEmulatorArgs } from '../emulator-args.ts';
import { TelegramControlClient, TelegramEmulator } from '../telegram/index.ts';
import {
  ControlApiError,
  DISCORD_EVENT_KINDS,
  discordApi,
  loadConfig,
  TELEGRAM_EVENT_TYPES,
  telegramApi,
} from './api.js';
import { type DemoWorld, SANDBOX_ASSETS, SandboxServer, seedDemoWorld } from './index.ts';

const SANDBOX_DIR = fileURLToPath(new URL('.', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The emulators' guides live with the rest of Tandem's documentation, in the repository's docs/.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const pageScripts = readdirSync(SANDBOX_DIR).filter((file) => file.endsWith('.js'));
const source = (file: string) => readFileSync(join(SANDBOX_DIR, file), 'utf8');

describe('parseEmulatorArgs', () => {
  it('defaults to fixed ports a person can bookmark', () => {
    expect(parseEmulatorArgs([])).toEqual({
      telegramPort: 8081,
      discordPort: 8082,
      sandboxPort: 8080,
      host: '127.0.0.1',
    });
  });

  it('takes ports (0 = any free one, several times) and a host', () => {
    expect(
      parseEmulatorArgs([
        '--telegram-port',
        '0',
        '--discord-port=0',
        '--sandbox-port',
        '0',
        '--host',
        '0.0.0.0',
      ]),
    ).toEqual({ telegramPort: 0, discordPort: 0, sandboxPort: 0, host: '0.0.0.0' });
    expect(parseEmulatorArgs(['--telegram-port', '9001', '--discord-port', '9002'])).toMatchObject({
      telegramPort: 9001,
      discordPort: 9002,
      sandboxPort: 8080,
    });
  });

  it('answers help', () => {
    expect(parseEmulatorArgs(['--help'])).toBe('help');
    expect(parseEmulatorArgs(['-h'])).toBe('help');
  });

  it.each([
    [['--telegram-port', 'abc'], /--telegram-port must be a port 0-65535, got "abc"/],
    [['--discord-port', '70000'], /--discord-port must be a port/],
    [['--sandbox-port', '-1'], /--sandbox-port/],
    [['--telegram-port', '1.5'], /must be a port/],
    [['--telegram-port'], /argument missing/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--telegram-port', '8080'], /ports must differ/],
    [['--host', ''], /--host needs an address/],
  ])('refuses %j with a message that says what to change', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });
});

describe('SandboxServer', () => {
  const sandbox = new SandboxServer({
    port: 0,
    telegramControlUrl: 'http://127.0.0.1:8081/control',
    discordControlUrl: 'http://127.0.0.1:8082/control',
  });
  let url: string;
  beforeAll(async () => {
    ({ url } = await sandbox.start());
  });
  afterAll(() => sandbox.stop());

  it('serves the page, which loads its script, styles and icon', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="app.js"></script>');
    for (const referenced of html.matchAll(/(?:src|href)="([^"]+)"/g))
      expect(SANDBOX_ASSETS).toHaveProperty(`/${referenced[1]}`);
  });

  it('serves every asset with its type, and every module the scripts import is one of them', async () => {
    for (const [path, file] of Object.entries(SANDBOX_ASSETS)) {
      const response = await fetch(new URL(path, url));
      expect(response.status, path).toBe(200);
      const type = { html: 'text/html', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml' }[
        file.split('.').pop() as string
      ];
      expect(response.headers.get('content-type'), path).toContain(type);
      expect(await response.text()).toBe(source(file));
    }
    for (const script of pageScripts) {
      expect(SANDBOX_ASSETS, `${script} is served`).toHaveProperty(`/${script}`);
      for (const imported of source(script).matchAll(/from '\.\/([^']+)'/g))
        expect(SANDBOX_ASSETS, `${script} imports ${imported[1]}`).toHaveProperty(`/${imported[1]}`);
    }
  });

  it('answers /config.json with the control URLs', async () => {
    const response = await fetch(new URL('/config.json', url));
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      telegramControlUrl: 'http://127.0.0.1:8081/control',
      discordControlUrl: 'http://127.0.0.1:8082/control',
      links: [],
    });
    expect(await loadConfig(url)).toEqual(await (await fetch(new URL('/config.json', url))).json());
  });

  it('hands the page the links to show in its header', async () => {
    const linked = new SandboxServer({
      telegramControlUrl: 'http://127.0.0.1:8081/control',
      discordControlUrl: 'http://127.0.0.1:8082/control',
      links: [{ label: 'Admin panel', url: 'http://localhost:3000/admin/' }],
    });
    const { url: linkedUrl } = await linked.start();
    try {
      expect((await loadConfig(linkedUrl)).links).toEqual([
        { label: 'Admin panel', url: 'http://localhost:3000/admin/' },
      ]);
    } finally {
      await linked.stop();
    }
  });

  it('gives the page the host it was loaded from when the emulators listen on every interface', async () => {
    const everywhere = new SandboxServer({
      telegramControlUrl: 'http://0.0.0.0:8081/control',
      discordControlUrl: 'http://[::]:8082/control',
    });
    const { url: everywhereUrl } = await everywhere.start();
    try {
      const port = new URL(everywhereUrl).port;
      const response = await fetch(`http://localhost:${port}/config.json`);
      expect(await response.json()).toEqual({
        telegramControlUrl: 'http://localhost:8081/control',
        discordControlUrl: 'http://localhost:8082/control',
        links: [],
      });
    } finally {
      await everywhere.stop();
    }
  });

  it('serves nothing else: not its own sources, not other methods', async () => {
    expect((await fetch(new URL('/sandbox-server.ts', url))).status).toBe(404);
    expect((await fetch(new URL('/../../package.json', url))).status).toBe(404);
    expect((await fetch(new URL('/api.d.ts', url))).status).toBe(404);
    const post = await fetch(url, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the page scripts', () => {
  it('never turn text into markup', () => {
    for (const script of pageScripts)
      expect(source(script), script).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/,
      );
  });

  it('reach the emulators only through api.js (fetch) and the URLs it builds (EventSource)', () => {
    for (const script of pageScripts) {
      const text = source(script);
      if (script !== 'api.js') expect(text, script).not.toMatch(/\bfetch\(|XMLHttpRequest|\/control/);
      if (script !== 'live-stream.js') expect(text, script).not.toMatch(/new EventSource/);
    }
    expect(source('live-stream.js')).toContain('new EventSource(url())');
    expect(source('telegram-pane.js')).toContain('url: api.eventsUrl,');
    expect(source('discord-pane.js')).toContain('url: api.eventsUrl,');
  });

  it('listen for events the emulators emit', () => {
    const telegramTypes = new Set(
      [
        ...readFileSync(join(SANDBOX_DIR, '../telegram/events.ts'), 'utf8').matchAll(/type: '([a-z_.]+)'/g),
      ].map((match) => match[1]),
    );
    expect(TELEGRAM_EVENT_TYPES.filter((type) => !telegramTypes.has(type))).toEqual([]);
    const discordKinds = new Set<string>();
    const discordDir = join(SANDBOX_DIR, '../discord');
    for (const file of readdirSync(discordDir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const match of readFileSync(join(discordDir, file), 'utf8').matchAll(/record\(\s*'([a-z.-]+)'/g))
        discordKinds.add(match[1] as string);
    }
    expect(DISCORD_EVENT_KINDS.filter((kind) => !discordKinds.has(kind))).toEqual([]);
  });
});

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
      'GET /events',
    ],
  },
  discord: {
    doc: 'docs/emulators/discord.md',
    prefix: '',
    endpoints: [
      'GET /state',
      'GET /commands',
      'GET /channels/:channelId/messages',
      'GET /dms',
      'GET /role-changes',
      'POST /channels/:channelId/messages',
      'POST /dms',
      'POST /interactions/commands',
      'POST /interactions/components',
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
    expect(world.users.map((user) => user.username)).toEqual(['ana_plays', 'ben_builds']);
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
    const cleo = await api.createUser({ firstName: 'Cleo', username: 'cleo_games' });
    expect((await control.world()).users.map((user) => user.id)).toContain(cleo.id);

    // The page opens this URL with EventSource.
    await asPage(() => expectEventStream(api.eventsUrl()));
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

describe('npm run emulators', () => {
  it('starts everything with a demo world, prints the URLs and stops on SIGTERM', async () => {
    const cli = spawnCli(['--telegram-port', '0', '--discord-port', '0', '--sandbox-port', '0']);
    try {
      const printed = await readUntil(cli, /members .*\n/);
      const grab = (pattern: RegExp) => {
        const match = printed.match(pattern);
        if (!match?.[1]) throw new Error(`${pattern} not in:\n${printed}`);
        return match[1];
      };
      const sandboxUrl = grab(/Sandbox page\s+(http\S+)/);
      const telegramUrl = grab(/Telegram Bot API\s+(http\S+)/);
      const discordApiUrl = grab(/Discord API\s+(http\S+)/);
      expect(printed).toMatch(/gateway\s+ws:\/\/127\.0\.0\.1:\d+\/gateway/);
      const botToken = grab(/bot token\s+(\d+:\S+)/);

      expect((await fetch(sandboxUrl)).status).toBe(200);
      const [telegramControlUrl, discordControlUrl] = [...printed.matchAll(/control API\s+(http\S+)/g)].map(
        (match) => match[1],
      );
      expect(await (await fetch(new URL('config.json', sandboxUrl))).json()).toEqual({
        telegramControlUrl,
        discordControlUrl,
        links: [],
      });
      const me = await (await fetch(`${telegramUrl}/bot${botToken}/getMe`)).json();
      expect(me).toMatchObject({ ok: true, result: { username: 'emulator_bot' } });
      expect(await (await fetch(`${discordApiUrl}/v10/gateway`)).json()).toHaveProperty('url');
      const users = (await new TelegramControlClient(telegramUrl).world()).users;
      expect(users.map((user) => user.first_name)).toEqual(['Ana', 'Ben']);
    } finally {
      cli.kill('SIGTERM');
    }
    expect(await exitCode(cli)).toBe(0);
  });

  it('prints the usage and exits 2 on a bad argument', async () => {
    const cli = spawnCli(['--telegram-port', 'eighty']);
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitCode(cli)).toBe(2);
    expect(stderr).toContain('--telegram-port must be a port 0-65535, got "eighty"');
    expect(stderr).toContain('Usage: npm run emulators');
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

function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/run-emulators.ts', ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function readUntil(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`No ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Exited with ${code} before printing ${pattern}:\n${output}`));
    });
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
