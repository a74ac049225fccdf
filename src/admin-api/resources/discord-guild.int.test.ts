import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type DiscordEmulatorUrls,
  type Scenario,
} from '@tandem/emulators/discord';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResourcesTestApp, type ResourcesTestApp } from '../../../test/support/resources-test-app.ts';
import type { GuildDirectory } from '../../discord-guild/guild-directory.ts';
import { createPlatformPorts, type OpenPlatformPorts } from '../../platforms/platform-ports.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, the assertions say what they hold
type Answer = Record<string, any>;

let emulator: DiscordEmulator;
let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
let ports: OpenPlatformPorts;
let api: ResourcesTestApp;

beforeEach(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
  ports = portsWithToken(world.bot.token);
  api = await openResourcesTestApp({ ports });
});

afterEach(async () => {
  await api.close();
  await ports.close();
  await emulator.stop();
});

function portsWithToken(token: string): OpenPlatformPorts {
  return createPlatformPorts({
    telegram: null,
    discord: { token, apiRoot: urls.apiUrl, guildId: world.guildId },
  });
}

const directory = async (query = '') =>
  (await api.request<GuildDirectory>('GET', `/discord/guild${query}`)).body;

async function rankNamed(name: string): Promise<Answer> {
  const rank = await api.tandem.db.prisma.rank.findFirstOrThrow({ where: { name } });
  return { ...rank, updatedAt: rank.updatedAt.toISOString() };
}

describe('the Discord server in the panel', () => {
  it("lists the server's roles highest first and its channels, by name, colour and position", async () => {
    await control.createRole(world.guildId, { name: 'Diamond', color: 0xb9f2ff, position: 1 });

    const guild = await directory();

    expect(guild.status).toBe('ready');
    expect(guild.guild).toEqual({ id: world.guildId, name: 'Tandem Test Guild' });
    expect(guild.bot).toMatchObject({
      userId: world.bot.userId,
      topRoleId: world.roles.botRole,
      manageRoles: true,
    });
    expect(guild.roles.map((r) => r.name)).toEqual([
      'Staff',
      'tandem',
      'Gold',
      'Silver',
      'Bronze',
      'Diamond',
      '@everyone',
    ]);
    const positions = guild.roles.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(guild.roles.find((r) => r.name === 'Diamond')).toMatchObject({
      color: 0xb9f2ff,
      position: 1,
      assignable: true,
    });
    expect(guild.roles.find((r) => r.name === 'Staff')?.problem).toEqual({
      code: 'above-bot',
      message:
        "Staff is above Tandem's role tandem: move the tandem role above Staff in Server Settings → Roles.",
      params: { role: 'Staff', botRole: 'tandem' },
    });
    expect(guild.roles.find((r) => r.name === 'tandem')?.problem?.code).toBe('managed');
    expect(guild.roles.at(-1)).toMatchObject({ id: world.guildId, everyone: true, assignable: false });
    expect(guild.channels.map((c) => [c.name, c.type])).toEqual(
      expect.arrayContaining([
        ['general', 'text'],
        ['Lounge', 'voice'],
        ['AFK', 'voice'],
      ]),
    );
  });

  it('says why when Discord cannot be read, and saves go ahead unchecked then', async () => {
    await api.close();
    await ports.close();
    ports = portsWithToken('not-the-token');
    api = await openResourcesTestApp({ ports });

    const guild = await directory();

    expect(guild).toMatchObject({ status: 'unreachable', roles: [], channels: [] });
    expect(guild.reason).toContain('Discord answered 401: the bot token is wrong');
    const rank = await rankNamed('Newcomer');
    const saved = await api.request<Answer>('PUT', `/ranks/${rank.id}`, {
      ...rank,
      discordRoleId: world.roles.staff,
    });
    expect(saved.status).toBe(200);
  });
});

describe('saving a Discord role Tandem cannot give', () => {
  it('refuses a rank role above Tandem with the fix, and changes nothing', async () => {
    const rank = await rankNamed('Newcomer');

    const refused = await api.request<Answer>('PUT', `/ranks/${rank.id}`, {
      ...rank,
      discordRoleId: world.roles.staff,
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors.discordRoleId).toBe(
      "Staff is above Tandem's role tandem: move the tandem role above Staff in Server Settings → Roles.",
    );
    expect(await rankNamed('Newcomer')).toEqual(rank);
    expect(api.announced.filter((c) => c.entity === 'ranks')).toEqual([]);
    const accepted = await api.request<Answer>('PUT', `/ranks/${rank.id}`, {
      ...rank,
      discordRoleId: world.roles.bronze,
    });
    expect(accepted.status).toBe(200);
  });

  it('refuses @everyone, a role managed by an integration, and a role the server does not have', async () => {
    const other = await control.createBot({ username: 'music' });
    await control.addMember(world.guildId, { userId: other.userId, botRole: { position: 1 } });
    const managed = (await directory('?refresh=1')).roles.find((r) => r.name === 'music');
    expect(managed).toMatchObject({ managed: true, assignable: false });

    const everyone = await api.request<Answer>('POST', '/ranks', {
      name: 'Everyone',
      minXp: 1,
      priority: 50,
      discordRoleId: world.guildId,
    });
    const integration = await api.request<Answer>('POST', '/achievements', {
      slug: 'chatty',
      name: 'Chatty',
      rule: { kind: 'messages', count: 10 },
      discordRoleId: managed?.id,
    });
    const missing = await api.request<Answer>('POST', '/ranks', {
      name: 'Ghost',
      minXp: 2,
      priority: 51,
      discordRoleId: '123456789012345678',
    });

    expect(everyone.status).toBe(400);
    expect(everyone.body.errors.discordRoleId).toContain("@everyone is every member's role");
    expect(integration.status).toBe(400);
    expect(integration.body.errors.discordRoleId).toContain('music is managed by an integration');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.discordRoleId).toBe(
      "There is no role 123456789012345678 in Tandem Test Guild: pick one of the server's roles.",
    );
    expect(await api.tandem.db.prisma.rank.count({ where: { name: { in: ['Everyone', 'Ghost'] } } })).toBe(0);
    expect(await api.tandem.db.prisma.achievement.count({ where: { slug: 'chatty' } })).toBe(0);
  });

  it('refuses earning-rule role and channel ids the server does not have, per field', async () => {
    const economy = (await api.request<Answer>('GET', '/settings/economy')).body;
    const unknownRole = '123456789012345678';
    const unknownChannel = '223456789012345678';

    const refused = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy,
      message: {
        ...economy.message,
        noXpRoleIds: [world.roles.staff, unknownRole],
        noXpChannelIds: [unknownChannel],
      },
      voice: { ...economy.voice, afkChannelId: unknownChannel },
      roleMultipliers: { [unknownRole]: 2, [world.roles.gold]: 1.5 },
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toMatchObject({
      'message.noXpRoleIds': `There is no role ${unknownRole} in Tandem Test Guild: pick one of the server's roles.`,
      'message.noXpChannelIds': `There is no channel ${unknownChannel} in Tandem Test Guild: pick one of the server's channels.`,
      'voice.afkChannelId': `There is no channel ${unknownChannel} in Tandem Test Guild: pick one of the server's channels.`,
      [`roleMultipliers.${unknownRole}.roleId`]: `There is no role ${unknownRole} in Tandem Test Guild: pick one of the server's roles.`,
    });
    expect((await api.request<Answer>('GET', '/settings/economy')).body.version).toBe(0);

    // The server's own ids, and a Telegram group's chat id among the no-XP channels.
    const saved = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy,
      message: {
        ...economy.message,
        noXpRoleIds: [world.roles.staff],
        noXpChannelIds: [world.channels.general, '-1001234567890'],
      },
      voice: { ...economy.voice, afkChannelId: world.channels.afk },
      roleMultipliers: { [world.roles.gold]: 1.5 },
    });
    expect(saved.status).toBe(200);
  });
});

describe('creating the rank roles', () => {
  const ladder = ['Newcomer', 'Rookie', 'Scout', 'Adventurer'];

  /** Four active ranks, the seeded ones above them set inactive (fewer Discord calls per test). */
  async function keepFourRanks(): Promise<void> {
    await api.tandem.db.prisma.rank.updateMany({
      where: { name: { notIn: ladder } },
      data: { active: false },
    });
  }

  const run = () => api.request<Answer>('POST', '/ranks/create-discord-roles');

  it('creates each missing role once, below Tandem in rank order, and maps every active rank', async () => {
    await keepFourRanks();

    // Two runs at once (two admins, two clicks): they take turns, the second finds the work done.
    const [first, second] = await Promise.all([run(), run()]);
    const third = await run();

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    const created = [...first.body.created, ...second.body.created];
    expect(created.map((c: Answer) => c.rankName).sort()).toEqual([...ladder].sort());
    expect([first.body.adopted, second.body.adopted, third.body]).toEqual([
      [],
      [],
      { created: [], adopted: [], skipped: 4 },
    ]);
    const guild = await directory('?refresh=1');
    expect(guild.roles.map((r) => r.name)).toEqual([
      'Staff',
      'tandem',
      'Adventurer',
      'Scout',
      'Rookie',
      'Newcomer',
      'Gold',
      'Silver',
      'Bronze',
      '@everyone',
    ]);
    expect(
      guild.roles.filter((r) => ladder.includes(r.name)).every((r) => r.assignable && r.color !== 0),
    ).toBe(true);
    const ranks = await api.tandem.db.prisma.rank.findMany({ where: { active: true } });
    for (const rank of ranks) {
      const role = guild.roles.find((r) => r.name === rank.name);
      expect(rank.discordRoleId).toBe(role?.id);
      expect(rank.version).toBe(2);
    }
    const audited = await api.tandem.db.prisma.adminAudit.findMany({
      where: { action: 'create-discord-roles' },
    });
    expect(audited.map((row) => row.entityId).sort()).toEqual(ranks.map((r) => String(r.id)).sort());
    expect(api.announced.filter((c) => c.entity === 'ranks' && c.action === 'updated')).toHaveLength(4);
  });

  it("adopts roles that already carry the ranks' names instead of making second ones", async () => {
    await api.tandem.db.prisma.rank.updateMany({ data: { active: false } });
    for (const [priority, name] of ['Bronze', 'Silver', 'Gold'].entries()) {
      await api.tandem.db.prisma.rank.create({
        data: { name, minXp: 100_000 * (priority + 1), priority: 100 + priority },
      });
    }
    // Left by a run cut short: a role of the rank's name, not yet mapped.
    await api.tandem.db.prisma.rank.update({ where: { name: 'Scout' }, data: { active: true } });
    const scout = await control.createRole(world.guildId, { name: 'Scout' });
    const rolesBefore = (await control.guild(world.guildId)).roles.length;

    const answer = await run();

    expect(answer.status).toBe(200);
    expect(answer.body.created).toEqual([]);
    expect(Object.fromEntries(answer.body.adopted.map((a: Answer) => [a.rankName, a.roleId]))).toEqual({
      Gold: world.roles.gold,
      Silver: world.roles.silver,
      Bronze: world.roles.bronze,
      Scout: scout.id,
    });
    expect((await control.guild(world.guildId)).roles).toHaveLength(rolesBefore);
    const names = (await directory('?refresh=1')).roles.map((r) => r.name);
    expect(names.slice(0, 6)).toEqual(['Staff', 'tandem', 'Gold', 'Silver', 'Bronze', 'Scout']);
    const mapped = await api.tandem.db.prisma.rank.findMany({
      where: { active: true },
      orderBy: { priority: 'asc' },
    });
    expect(mapped.map((r) => [r.name, r.discordRoleId])).toEqual([
      ['Scout', scout.id],
      ['Bronze', world.roles.bronze],
      ['Silver', world.roles.silver],
      ['Gold', world.roles.gold],
    ]);
  });

  it('is refused while Tandem lacks Manage Roles, naming the fix', async () => {
    await keepFourRanks();
    await control.updateRole(world.guildId, world.roles.botRole, { permissions: ['SendMessages'] });

    const answer = await run();

    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe(
      "Cannot create the rank roles: Tandem's role tandem lacks the Manage Roles permission: give the tandem role Manage Roles in Server Settings → Roles.",
    );
    expect(await api.tandem.db.prisma.rank.count({ where: { discordRoleId: { not: null } } })).toBe(0);
  });
});
