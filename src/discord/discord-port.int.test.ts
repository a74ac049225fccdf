import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type Scenario,
} from '@tandem/emulators/discord';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlatformPorts, type OpenPlatformPorts } from '../platforms/platform-ports.ts';
import { type DiscordPort, PlatformRateLimitedError, PlatformRefusedError } from '../sync/ports.ts';

let emulator: DiscordEmulator;
let control: DiscordControlClient;
let world: Scenario;
let ports: OpenPlatformPorts;
let port: DiscordPort;
let rankRoleIds: string[];

beforeEach(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
  ports = createPlatformPorts({
    telegram: null,
    discord: { token: world.bot.token, apiRoot: urls.apiUrl, guildId: world.guildId },
  });
  port = ports.discord!;
  rankRoleIds = [world.roles.bronze, world.roles.silver, world.roles.gold];
});

afterEach(async () => {
  await ports.close();
  await emulator.stop();
});

async function rolesOf(userId: string): Promise<string[]> {
  const guild = await control.guild(world.guildId);
  return [...(guild.members.find((m) => m.user.id === userId)?.roles ?? [])].sort();
}

/** REST calls the bot made since `after` (the emulator's history), as `METHOD path status`. */
async function restCalls(after = 0): Promise<string[]> {
  const events = await control.history(after);
  return events
    .filter((e) => e.kind === 'rest.request')
    .map((e) => {
      const data = (e.data ?? e) as { method: string; path: string; status: number };
      return `${data.method} ${data.path.replace('/api/v10', '')} ${data.status}`;
    });
}

async function lastSeq(): Promise<number> {
  const events = await control.history();
  return events.at(-1)?.seq ?? 0;
}

const sorted = (ids: string[]) => [...ids].sort();

describe('Discord port: rank roles', () => {
  it('swaps the rank role in one edit, keeps roles Tandem does not manage, and carries the reason', async () => {
    const { carol } = world.users;
    await control.changeRolesAsModerator(world.guildId, carol, { add: [world.roles.bronze] });
    const since = await lastSeq();

    await port.setRankRole({
      userId: carol,
      roleId: world.roles.silver,
      rankRoleIds,
      reason: 'Tandem: rank Silver',
    });

    expect(await rolesOf(carol)).toEqual(sorted([world.roles.staff, world.roles.silver]));
    const edits = (await restCalls(since)).filter((c) => !c.startsWith('GET'));
    expect(edits).toEqual([`PATCH /guilds/${world.guildId}/members/${carol} 200`]);
    const changes = await control.roleChanges({ userId: carol, actorKind: 'bot' });
    expect(changes.map((c) => [c.action, c.roleId, c.reason])).toEqual(
      expect.arrayContaining([
        ['add', world.roles.silver, 'Tandem: rank Silver'],
        ['remove', world.roles.bronze, 'Tandem: rank Silver'],
      ]),
    );
    expect(changes).toHaveLength(2);
  });

  it('adds a first rank role with one PUT, writes nothing when it is already right, and removes it for null', async () => {
    const { alice } = world.users;
    const since = await lastSeq();

    await port.setRankRole({
      userId: alice,
      roleId: world.roles.bronze,
      rankRoleIds,
      reason: 'Tandem: rank Bronze',
    });
    await port.setRankRole({
      userId: alice,
      roleId: world.roles.bronze,
      rankRoleIds,
      reason: 'Tandem: rank Bronze',
    });
    expect(await rolesOf(alice)).toEqual([world.roles.bronze]);
    await port.setRankRole({ userId: alice, roleId: null, rankRoleIds, reason: 'Tandem: no rank' });

    expect(await rolesOf(alice)).toEqual([]);
    expect((await restCalls(since)).filter((c) => !c.startsWith('GET'))).toEqual([
      `PUT /guilds/${world.guildId}/members/${alice}/roles/${world.roles.bronze} 204`,
      `DELETE /guilds/${world.guildId}/members/${alice}/roles/${world.roles.bronze} 204`,
    ]);
  });

  it('leaves one rank role when the member holds several', async () => {
    const { bob } = world.users;
    await control.changeRolesAsModerator(world.guildId, bob, { add: [world.roles.bronze, world.roles.gold] });

    await port.setRankRole({
      userId: bob,
      roleId: world.roles.silver,
      rankRoleIds,
      reason: 'Tandem: rank Silver',
    });

    expect(await rolesOf(bob)).toEqual([world.roles.silver]);
  });

  it('does not lose an achievement role granted while a rank swap reads and writes the member', async () => {
    const { bob } = world.users;
    const achievementRole = await control.createRole(world.guildId, { name: 'Veteran', position: 1 });
    await control.changeRolesAsModerator(world.guildId, bob, { add: [world.roles.bronze] });
    // Slow answers leave a wide gap between the swap's read and its write.
    await control.setLatency(40);

    await Promise.all([
      port.setRankRole({
        userId: bob,
        roleId: world.roles.silver,
        rankRoleIds,
        reason: 'Tandem: rank Silver',
      }),
      port.grantRole(bob, achievementRole.id, 'Tandem: Veteran'),
    ]);

    expect(await rolesOf(bob)).toEqual(sorted([world.roles.silver, achievementRole.id]));
  });

  it("refuses a role above the bot's highest role, telling the admin what to move", async () => {
    const { alice } = world.users;
    const hierarchy =
      `discord refused: cannot assign role ${world.roles.staff}: the bot's highest role must be above it ` +
      'and it needs Manage Roles; move the Tandem role up in Server Settings > Roles';

    const setRank = port
      .setRankRole({ userId: alice, roleId: world.roles.staff, rankRoleIds, reason: 'Tandem: rank Staff' })
      .catch((e: unknown) => e);
    const grant = port.grantRole(alice, world.roles.staff, 'Tandem: Veteran').catch((e: unknown) => e);

    for (const error of [await setRank, await grant]) {
      expect(error).toBeInstanceOf(PlatformRefusedError);
      expect((error as Error).message).toBe(hierarchy);
    }
    expect(await rolesOf(alice)).toEqual([]);
  });

  it('refuses an unknown member or role with what happened; removing roles from someone gone is done', async () => {
    const stranger = await control.createUser({ username: 'stranger' });

    const unknownMember = await port
      .setRankRole({
        userId: stranger.id,
        roleId: world.roles.gold,
        rankRoleIds,
        reason: 'Tandem: rank Gold',
      })
      .catch((e: unknown) => e);
    const unknownRole = await port
      .grantRole(world.users.alice, '123456789012345678', 'x')
      .catch((e: unknown) => e);

    expect(unknownMember).toBeInstanceOf(PlatformRefusedError);
    expect((unknownMember as Error).message).toMatch(
      `user ${stranger.id} is not a member of server ${world.guildId} (they left or were removed)`,
    );
    expect(unknownRole).toBeInstanceOf(PlatformRefusedError);
    expect((unknownRole as Error).message).toMatch(
      `role 123456789012345678 does not exist in server ${world.guildId}`,
    );
    await port.setRankRole({ userId: stranger.id, roleId: null, rankRoleIds, reason: 'Tandem: unlinked' });
    await port.revokeRole(stranger.id, world.roles.gold, 'Tandem: unlinked');
  });

  it('grants and revokes single roles', async () => {
    const { bob } = world.users;

    await port.grantRole(bob, world.roles.gold, 'Tandem: Veteran');
    expect(await rolesOf(bob)).toEqual([world.roles.gold]);
    await port.revokeRole(bob, world.roles.gold, 'Tandem: Veteran');

    expect(await rolesOf(bob)).toEqual([]);
    const changes = await control.roleChanges({ userId: bob, actorKind: 'bot' });
    expect(changes.map((c) => [c.action, c.reason])).toEqual([
      ['add', 'Tandem: Veteran'],
      ['remove', 'Tandem: Veteran'],
    ]);
  });
});

describe('Discord port: rate limits', () => {
  it("surfaces a 429 at once as PlatformRateLimitedError with Discord's wait, then goes through", async () => {
    const { alice } = world.users;
    await control.rateLimitStorm({ durationMs: 1500, scope: 'global' });
    const started = Date.now();

    const error = await port
      .setRankRole({ userId: alice, roleId: world.roles.bronze, rankRoleIds, reason: 'Tandem: rank Bronze' })
      .catch((e: unknown) => e);

    // Not waited out inside the REST client: the queue decides.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(PlatformRateLimitedError);
    // Retry-After is whole seconds (2), plus discord.js's 50 ms margin.
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1400);
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeLessThanOrEqual(2100);
    await new Promise((r) => setTimeout(r, (error as PlatformRateLimitedError).retryAfterMs));
    await port.setRankRole({
      userId: alice,
      roleId: world.roles.bronze,
      rankRoleIds,
      reason: 'Tandem: rank Bronze',
    });
    expect(await rolesOf(alice)).toEqual([world.roles.bronze]);
  });

  it('surfaces an exhausted member-edit bucket the same way', async () => {
    const { bob } = world.users;
    await control.rateLimitStorm({
      durationMs: 1000,
      scope: 'route',
      route: 'PUT /guilds/:guildId/members/:userId/roles/:roleId',
    });

    const error = await port.grantRole(bob, world.roles.gold, 'Tandem: Veteran').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRateLimitedError);
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect(await rolesOf(bob)).toEqual([]);
  });
});

describe('Discord port: members and DMs', () => {
  it('pages through the member list by user id', async () => {
    const more = await Promise.all(['dan', 'eve', 'fay'].map((username) => control.createUser({ username })));
    for (const user of more)
      await control.addMember(world.guildId, { userId: user.id, roles: [world.roles.gold] });
    const everyone = (await control.guild(world.guildId)).members.map((m) => m.user.id);

    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<DiscordPort['listMemberRoles']>> = await port.listMemberRoles({
        after,
        limit: 3,
      });
      pages.push(page.members.length);
      seen.push(...page.members.map((m) => m.userId));
      after = page.nextAfter;
    } while (after);

    expect(pages.length).toBeGreaterThan(1);
    expect(seen).toEqual([...everyone].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    const page = await port.listMemberRoles({ after: null, limit: 1000 });
    expect(page.nextAfter).toBeNull();
    expect(page.members.find((m) => m.userId === world.users.carol)?.roleIds).toEqual([world.roles.staff]);
    expect(page.members.find((m) => m.userId === more[0]!.id)?.roleIds).toEqual([world.roles.gold]);
  });

  it('opens a DM channel once and posts each notice in it', async () => {
    const { alice } = world.users;
    const since = await lastSeq();

    await port.notify(alice, 'You reached Silver!');
    await port.notify(alice, 'You unlocked Chatterbox.');

    const [dm] = await control.directMessages({ userId: alice });
    expect(dm?.messages.map((m) => m.content)).toEqual(['You reached Silver!', 'You unlocked Chatterbox.']);
    const opened = (await restCalls(since)).filter((c) => c.startsWith('POST /users/@me/channels'));
    expect(opened).toHaveLength(1);
  });

  it('refuses a DM to a member who does not accept them', async () => {
    const { bob } = world.users;
    await control.updateUser(bob, { acceptsDirectMessages: false });

    const error = await port.notify(bob, 'You reached Gold!').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRefusedError);
    expect((error as Error).message).toBe(
      `discord refused: cannot DM user ${bob}: they do not accept direct messages from server members, or share no server with the bot`,
    );
  });

  it('leaves a server error as it is, for the queue to retry', async () => {
    await control.failNextRestCalls({ count: 4, status: 503, route: 'GET /guilds/:guildId/members/:userId' });

    const error = await port
      .setRankRole({ userId: world.users.alice, roleId: world.roles.bronze, rankRoleIds, reason: 'x' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PlatformRefusedError);
    expect(error).not.toBeInstanceOf(PlatformRateLimitedError);
  });
});
