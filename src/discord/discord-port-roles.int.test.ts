import type { DiscordControlClient, DiscordEmulator, Scenario } from '@tandem/emulators/discord';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discordHistory, sorted, startDiscordPortWorld } from '../../test/support/discord-port-world.ts';
import type { OpenPlatformPorts } from '../platforms/platform-ports.ts';
import { type DiscordPort, PlatformRefusedError } from '../sync/ports.ts';

let emulator: DiscordEmulator;
let control: DiscordControlClient;
let world: Scenario;
let ports: OpenPlatformPorts;
let port: DiscordPort;
let rankRoleIds: string[];

beforeEach(async () => {
  ({ emulator, control, world, ports, port, rankRoleIds } = await startDiscordPortWorld());
});

afterEach(async () => {
  await ports.close();
  await emulator.stop();
});

const { rolesOf, restCalls, lastSeq } = discordHistory(() => ({ control, world }));

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

  it('stacks rank roles in one edit, takes the ones above away on a demotion, and all of them for none', async () => {
    const { carol } = world.users;
    const since = await lastSeq();
    const stack = (roleIds: string[]) =>
      port.setRankRoles({ userId: carol, roleIds, rankRoleIds, reason: 'Tandem: stacked ranks' });

    await stack([world.roles.bronze, world.roles.silver, world.roles.gold]);
    expect(await rolesOf(carol)).toEqual(
      sorted([world.roles.staff, world.roles.bronze, world.roles.silver, world.roles.gold]),
    );
    await stack([world.roles.bronze, world.roles.silver, world.roles.gold]);
    await stack([world.roles.bronze]);
    expect(await rolesOf(carol)).toEqual(sorted([world.roles.staff, world.roles.bronze]));
    await stack([]);
    expect(await rolesOf(carol)).toEqual([world.roles.staff]);

    // One write per change, none when the roles are already right; the Staff role is never touched.
    expect((await restCalls(since)).filter((c) => !c.startsWith('GET'))).toEqual([
      `PATCH /guilds/${world.guildId}/members/${carol} 200`,
      `PATCH /guilds/${world.guildId}/members/${carol} 200`,
      `DELETE /guilds/${world.guildId}/members/${carol}/roles/${world.roles.bronze} 204`,
    ]);
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
