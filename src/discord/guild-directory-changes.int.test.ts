import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../test/support/announced-changes.ts';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let harness: DiscordBotHarness;

beforeEach(async () => {
  harness = await startDiscordBotHarness({ discordPort: true });
});

afterEach(async () => {
  await harness.stop();
});

describe("the Discord server's changes reach the guild directory", () => {
  it('shows a role created or renamed at once, without waiting for the cache to expire', async () => {
    const { tandem, control, world } = harness;
    const { announced, subscription: feed } = await listenForChanges(tandem);
    try {
      const before = await tandem.discordGuild.get();
      expect(before.roles.some((r) => r.name === 'Platinum')).toBe(false);

      const platinum = await control.createRole(world.guildId, { name: 'Platinum', color: 0xe5e4e2 });
      await waitFor(
        async () => (await tandem.discordGuild.get()).roles.some((r) => r.id === platinum.id),
        'the new role in the directory',
        5_000,
      );
      expect(announced).toContainEqual({ entity: 'discord_guild', action: 'updated', id: world.guildId });

      await control.updateRole(world.guildId, platinum.id, { name: 'Platinum II' });
      await waitFor(
        async () => (await tandem.discordGuild.get()).roles.some((r) => r.name === 'Platinum II'),
        'the renamed role in the directory',
        5_000,
      );
    } finally {
      await feed.close();
    }
  });

  it("follows the bot's own roles: given a higher role, it may give the roles below that one", async () => {
    const { tandem, control, world } = harness;
    const staffBefore = (await tandem.discordGuild.get()).roles.find((r) => r.id === world.roles.staff);
    expect(staffBefore?.problem?.code).toBe('above-bot');
    const mod = await control.createRole(world.guildId, { name: 'Moderators', position: 6 });
    await waitFor(
      async () => (await tandem.discordGuild.get()).roles.some((r) => r.id === mod.id),
      'the new role in the directory',
      5_000,
    );

    await control.changeRolesAsModerator(world.guildId, world.bot.userId, { add: [mod.id] });

    await waitFor(
      async () => (await tandem.discordGuild.get()).bot?.topRoleId === mod.id,
      "the bot's new top role in the directory",
      5_000,
    );
    const staff = (await tandem.discordGuild.get()).roles.find((r) => r.id === world.roles.staff);
    expect(staff?.assignable).toBe(true);
  });
});
