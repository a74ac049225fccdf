import { ChannelType, DiscordAPIError, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotInScenario } from './testing/bot-in-scenario.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';

async function setBotPermissions(context: BotInScenario, permissions: string[]) {
  const { control, world } = context;
  await control.setRolePermissions(world.guildId, world.roles.botRole, permissions);
  await control.setRolePermissions(
    world.guildId,
    world.guildId,
    permissions.filter((p) => p !== 'ManageChannels'),
  );
}

describe('channel topics', () => {
  it('takes 1,024 characters in a text channel and 4,096 in a forum', async () => {
    const context = await startBotForTest();
    await setBotPermissions(context, ['ViewChannel', 'SendMessages', 'ManageChannels']);
    const channels = context.guild().channels;
    const error = await channels
      .create({ name: 'rules', type: ChannelType.GuildText, topic: 'x'.repeat(1025) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).rawError).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        topic: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 1024 or fewer in length.' }] },
      },
    });
    const forum = await channels.create({
      name: 'ideas',
      type: ChannelType.GuildForum,
      topic: 'x'.repeat(2000),
    });
    expect(forum.topic).toHaveLength(2000);

    const general = channels.cache.get(context.world.channels.general) as TextChannel;
    expect(await discordErrorCode(general.setTopic('y'.repeat(1025)))).toBe(50035);
    await general.setTopic('y'.repeat(1024));
  });
});

describe('channel edits', () => {
  it('answers 50001 Missing Access for a channel the bot cannot view, Manage Channels or not', async () => {
    const context = await startBotForTest();
    await setBotPermissions(context, ['SendMessages', 'ManageChannels']);
    const general = context.guild().channels.cache.get(context.world.channels.general) as TextChannel;
    expect(await discordErrorCode(general.setName('lobby'))).toBe(50001);
    expect(await discordErrorCode(general.delete())).toBe(50001);
  });
});
