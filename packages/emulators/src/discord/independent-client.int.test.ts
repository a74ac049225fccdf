import {
  ApplicationCommandOptionTypes,
  ApplicationCommandTypes,
  Client,
  type ClientEvents,
  CommandInteraction,
  DiscordRESTError,
  MessageFlags,
} from 'oceanic.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import type { ControlEvent } from './control-types.ts';
import { DiscordEmulator, type DiscordEmulatorOptions } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';

/**
 * The emulator against Oceanic, a Discord library outside the discord.js family (its REST and
 * gateway code descend from eris): what the emulator answers must hold for any client written to
 * Discord's documentation, not only for discord.js.
 */

let emulator: DiscordEmulator | undefined;
let client: Client | undefined;
let clientErrors: unknown[] = [];

afterEach(async () => {
  client?.disconnect(false);
  await emulator?.stop();
  client = undefined;
  emulator = undefined;
  expect(clientErrors).toEqual([]);
  clientErrors = [];
});

async function setUp(options: DiscordEmulatorOptions = {}): Promise<{
  control: DiscordControlClient;
  world: Scenario;
  bot: Client;
}> {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250, ...options });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  client = new Client({
    auth: `Bot ${world.bot.token}`,
    // Oceanic's base URL carries the API version, as its default https://discord.com/api/v10 does.
    rest: { baseURL: `${urls.apiUrl}/v10` },
    gateway: {
      intents: ['GUILDS', 'GUILD_MEMBERS', 'GUILD_MESSAGES', 'MESSAGE_CONTENT'],
      // The gateway address comes from GET /gateway/bot, as on Discord; only reconnects are sped up.
      reconnectDelay: () => 100,
    },
  });
  client.on('error', (error) => clientErrors.push(error));
  const ready = nextEvent(client, 'ready', () => true, 10_000);
  await client.connect();
  await ready;
  return { control, world, bot: client };
}

/** The next `event` the client emits that satisfies `accept` (rejects after `timeoutMs`). */
function nextEvent<K extends keyof ClientEvents>(
  bot: Client,
  event: K,
  accept: (...args: ClientEvents[K]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[K]) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      bot.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      bot.off(event, listener);
      reject(new Error(`No ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    bot.on(event, listener);
  });
}

/** REST calls the emulator answered, as its activity stream records them. */
async function restCalls(control: DiscordControlClient, after = 0): Promise<ControlEvent[]> {
  return (await control.history(after)).filter((event) => event.kind === 'rest.request');
}

describe('connecting', () => {
  it('logs in over REST and the gateway: READY with the application, then GUILD_CREATE', async () => {
    const { control, world, bot } = await setUp();
    expect(bot.user.id).toBe(world.bot.userId);
    expect(bot.application.id).toBe(world.bot.applicationId);
    const guild = bot.guilds.get(world.guildId);
    expect(guild?.name).toBe('Tandem Test Guild');
    expect(guild?.roles.get(world.roles.gold)?.name).toBe('Gold');
    expect(guild?.channels.get(world.channels.general)?.name).toBe('general');

    const application = await bot.rest.applications.getCurrent();
    expect(application).toMatchObject({ id: world.bot.applicationId, botPublic: true });
    const identified = (await control.history()).filter((event) => event.kind === 'gateway.identified');
    expect(identified).toHaveLength(1);
  });
});

describe('slash commands and interactions', () => {
  it('registers a command, answers a member running it, and follows up', async () => {
    const { control, world, bot } = await setUp();
    const [registered] = await bot.application.bulkEditGuildCommands(world.guildId, [
      {
        type: ApplicationCommandTypes.CHAT_INPUT,
        name: 'rank',
        description: 'Show a player rank',
        options: [
          {
            type: ApplicationCommandOptionTypes.USER,
            name: 'player',
            description: 'Whose rank',
            required: true,
          },
        ],
      },
    ]);
    expect(registered).toMatchObject({ name: 'rank', guildID: world.guildId });

    const followupIds: string[] = [];
    bot.on('interactionCreate', async (interaction) => {
      if (!(interaction instanceof CommandInteraction)) return;
      const player = interaction.data.options.getUser('player', true);
      await interaction.createMessage({ content: `${player.username} is Gold` });
      // Follow-ups answer the message they created: Discord's follow-up endpoint always waits.
      const followup = await interaction.createFollowup({
        content: 'Next rank at 500 XP',
        flags: MessageFlags.EPHEMERAL,
      });
      followupIds.push(followup.message.id);
    });

    const run = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.bob },
    });
    const done = await control.interaction(run.id, { until: 'followups', count: 1 });
    expect(done.original?.content).toBe('bob is Gold');
    expect(done.followups).toHaveLength(1);
    expect(done.followups[0]).toMatchObject({
      content: 'Next rank at 500 XP',
      flags: MessageFlags.EPHEMERAL,
    });
    expect(followupIds).toEqual([done.followups[0]?.id]);
  });

  it('turns the first follow-up after a deferred reply into that reply, keeping its visibility', async () => {
    const { control, world, bot } = await setUp();
    await bot.application.bulkEditGuildCommands(world.guildId, [
      { type: ApplicationCommandTypes.CHAT_INPUT, name: 'top', description: 'Top players' },
    ]);
    const answered: string[] = [];
    bot.on('interactionCreate', async (interaction) => {
      if (!(interaction instanceof CommandInteraction)) return;
      await interaction.defer();
      const reply = await interaction.createFollowup({
        content: 'Top: alice, bob',
        flags: MessageFlags.EPHEMERAL,
      });
      answered.push(reply.message.id);
    });

    const run = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'top',
    });
    const done = await control.interaction(run.id, { until: 'completed' });
    expect(done.original).toMatchObject({ content: 'Top: alice, bob' });
    // The ephemeral flag of that follow-up is ignored: the deferred reply was public.
    expect(done.ephemeral).toBe(false);
    expect(answered).toEqual([done.original?.id]);
  });
});

describe('messages', () => {
  it('receives a member message, and sends, edits and deletes its own', async () => {
    const { control, world, bot } = await setUp();
    const received = nextEvent(bot, 'messageCreate', (message) => message.author.id === world.users.alice);
    await control.sendMessage(world.channels.general, { authorId: world.users.alice, content: 'gg all' });
    const [incoming] = await received;
    expect(incoming.content).toBe('gg all');

    const sent = await bot.rest.channels.createMessage(world.channels.general, {
      content: 'Weekly top: alice',
    });
    expect(sent).toMatchObject({ channelID: world.channels.general, content: 'Weekly top: alice' });
    const edited = await bot.rest.channels.editMessage(world.channels.general, sent.id, {
      content: 'Weekly top: alice, bob',
    });
    expect(edited.content).toBe('Weekly top: alice, bob');
    expect(edited.editedTimestamp).toBeInstanceOf(Date);

    await bot.rest.channels.deleteMessage(world.channels.general, sent.id);
    const left = await control.messages(world.channels.general);
    expect(left.map((message) => message.content)).toEqual(['gg all']);
  });

  it('uploads a file attachment as multipart and serves it back', async () => {
    const { world, bot } = await setUp();
    const csv = Buffer.from('rank,name\n1,alice\n');
    const sent = await bot.rest.channels.createMessage(world.channels.general, {
      content: 'Weekly chart',
      files: [{ name: 'leaderboard.csv', contents: csv }],
    });
    const [attachment] = [...sent.attachments.values()];
    expect(attachment).toMatchObject({ filename: 'leaderboard.csv', size: csv.length });
    const download = await fetch(attachment?.url ?? '');
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  });
});

describe('roles and members', () => {
  it('adds and removes a role with an audit-log reason and fetches the member', async () => {
    const { control, world, bot } = await setUp();
    const updated = nextEvent(
      bot,
      'guildMemberUpdate',
      (member) => member.id === world.users.alice && member.roles.includes(world.roles.gold),
    );
    await bot.rest.guilds.addMemberRole(world.guildId, world.users.alice, world.roles.gold, 'Reached Gold');
    await updated;
    expect((await bot.rest.guilds.getMember(world.guildId, world.users.alice)).roles).toContain(
      world.roles.gold,
    );

    await bot.rest.guilds.removeMemberRole(
      world.guildId,
      world.users.alice,
      world.roles.gold,
      'Season reset',
    );
    expect((await bot.rest.guilds.getMember(world.guildId, world.users.alice)).roles).not.toContain(
      world.roles.gold,
    );
    const changes = await control.roleChanges({
      guildId: world.guildId,
      userId: world.users.alice,
      actorKind: 'bot',
    });
    expect(changes.map((change) => [change.action, change.reason])).toEqual([
      ['add', 'Reached Gold'],
      ['remove', 'Season reset'],
    ]);

    const refused = await bot.rest.guilds
      .addMemberRole(world.guildId, world.users.alice, world.roles.staff)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordRESTError);
    expect(refused).toMatchObject({ code: 50013, status: 403 });
  });
});

describe('rate limits and faults', () => {
  it('queues on the X-RateLimit headers of a small bucket and never hits its 429', async () => {
    const { control, world, bot } = await setUp({
      rateLimits: { buckets: { 'member-edits': { limit: 2, windowMs: 1_000 } } },
    });
    const after = (await control.history()).at(-1)?.seq ?? 0;
    const started = Date.now();
    await Promise.all(
      [world.roles.bronze, world.roles.silver, world.roles.gold].map((roleId) =>
        bot.rest.guilds.addMemberRole(world.guildId, world.users.bob, roleId),
      ),
    );
    // The third call waited for the bucket to refill instead of being refused.
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const statuses = (await restCalls(control, after))
      .filter((call) => String(call.path).includes('/roles/'))
      .map((call) => call.status);
    expect(statuses).toEqual([204, 204, 204]);
  });

  it('waits out a 429 by its reset headers and retries, and retries a 502', async () => {
    const { control, world, bot } = await setUp();
    await control.rateLimitStorm({
      durationMs: 1_000,
      scope: 'route',
      route: 'PUT /guilds/:guildId/members/:userId/roles/:roleId',
    });
    const after = (await control.history()).at(-1)?.seq ?? 0;
    const started = Date.now();
    await bot.rest.guilds.addMemberRole(world.guildId, world.users.bob, world.roles.gold);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const statuses = (await restCalls(control, after)).map((call) => call.status);
    expect(statuses[0]).toBe(429);
    expect(statuses.at(-1)).toBe(204);

    // Oceanic retries a 502 (Discord's gateway timeout from Cloudflare) up to three times.
    await control.failNextRestCalls({ count: 1, status: 502 });
    const member = await bot.rest.guilds.getMember(world.guildId, world.users.bob);
    expect(member.roles).toContain(world.roles.gold);
  });
});

describe('reconnecting', () => {
  it('resumes after a dropped connection and gets what happened meanwhile', async () => {
    const { control, world, bot } = await setUp();
    const resumed = nextEvent(bot, 'shardResume');
    const received = nextEvent(
      bot,
      'messageCreate',
      (message) => message.content === 'sent during the outage',
    );
    await control.dropGateway({ mode: 'abrupt' });
    await control.sendMessage(world.channels.general, {
      authorId: world.users.bob,
      content: 'sent during the outage',
    });
    await received;
    await resumed;

    const history = await control.history();
    expect(history.filter((event) => event.kind === 'gateway.identified')).toHaveLength(1);
    expect(history.filter((event) => event.kind === 'gateway.resumed').at(-1)?.replayed).toBe(1);
  });

  it('reconnects and resumes when the gateway sends op 7 RECONNECT', async () => {
    const { control, world, bot } = await setUp();
    const resumed = nextEvent(bot, 'shardResume');
    expect((await control.requestReconnect()).connections).toBe(1);
    await resumed;

    const received = nextEvent(bot, 'messageCreate', (message) => message.content === 'still there?');
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'still there?',
    });
    await received;
    const identified = (await control.history()).filter((event) => event.kind === 'gateway.identified');
    expect(identified).toHaveLength(1);
  });
});
