import { describe, expect, it } from 'vitest';
import { startBotForTest } from './testing/bot-in-scenario.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';

const botPermissions = [
  'ViewChannel',
  'SendMessages',
  'ManageRoles',
  'MuteMembers',
  'DeafenMembers',
  'ModerateMembers',
];

describe('PATCH /guilds/{id}/members/{user}', () => {
  it('server-mutes only a member in voice (40032 otherwise)', async () => {
    const context = await startBotForTest();
    const { control, world } = context;
    await control.setRolePermissions(world.guildId, world.roles.botRole, botPermissions);
    const alice = await context.guild().members.fetch(world.users.alice);
    expect(await discordErrorCode(alice.edit({ mute: true }))).toBe(40032);
    expect(await discordErrorCode(alice.edit({ deaf: true }))).toBe(40032);

    await control.setVoiceState(world.guildId, world.users.alice, { channelId: world.channels.lounge });
    await alice.edit({ mute: true });
    const state = await context.guild().voiceStates.fetch(world.users.alice, { force: true });
    expect(state.serverMute).toBe(true);
  });

  it('refuses to time out an administrator or the owner with 50013, even below the bot', async () => {
    const context = await startBotForTest();
    const { control, world } = context;
    await control.setRolePermissions(world.guildId, world.roles.botRole, botPermissions);
    const admins = await control.createRole(world.guildId, {
      name: 'Admins',
      position: 1,
      permissions: ['Administrator'],
    });
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [admins.id] });
    const alice = await context.guild().members.fetch({ user: world.users.alice, force: true });
    expect(await discordErrorCode(alice.timeout(60_000))).toBe(50013);
    const bob = await context.guild().members.fetch(world.users.bob);
    await bob.timeout(60_000);
    expect(bob.communicationDisabledUntilTimestamp).toBeGreaterThan(Date.now());
    // Lifting a timeout is never refused.
    await alice.timeout(null);
  });
});
