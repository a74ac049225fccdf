import { ChannelType, Events, MessageFlags, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotInScenario } from './testing/bot-in-scenario.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';

function api(context: BotInScenario, path: string, init: RequestInit = {}) {
  return fetch(`${context.urls.apiUrl}/v10${path}`, {
    ...init,
    headers: { authorization: `Bot ${context.world.bot.token}` },
  });
}

/** Five member messages in #general, oldest first. */
async function fiveMessages(context: BotInScenario): Promise<string[]> {
  const ids: string[] = [];
  for (const content of ['one', 'two', 'three', 'four', 'five']) {
    const sent = await context.control.sendMessage(context.world.channels.general, {
      authorId: context.world.users.alice,
      content,
    });
    ids.push(sent.id);
  }
  return ids;
}

/** Takes Read Message History (or View Channel) from every role the bot has. */
async function withoutPermission(context: BotInScenario, missing: string) {
  const { control, world } = context;
  const kept = ['ViewChannel', 'SendMessages', 'ReadMessageHistory', 'ManageRoles'].filter(
    (p) => p !== missing,
  );
  await control.setRolePermissions(world.guildId, world.roles.botRole, kept);
  await control.setRolePermissions(world.guildId, world.guildId, kept);
}

describe('GET /channels/{id}/messages', () => {
  it('pages with around, before and after, newest first', async () => {
    const context = await startBotForTest();
    const ids = await fiveMessages(context);
    const channel = context.bot.channels.cache.get(context.world.channels.general) as TextChannel;
    const contents = async (options: Parameters<TextChannel['messages']['fetch']>[0]) =>
      [...(await channel.messages.fetch(options as { limit: number })).values()].map((m) => m.content);

    expect(await contents({ around: ids[2], limit: 3 })).toEqual(['four', 'three', 'two']);
    expect(await contents({ around: ids[2], limit: 4 })).toEqual(['five', 'four', 'three', 'two']);
    expect(await contents({ before: ids[3], limit: 2 })).toEqual(['three', 'two']);
    expect(await contents({ after: ids[1], limit: 2 })).toEqual(['four', 'three']);
    expect(await contents({ limit: 2 })).toEqual(['five', 'four']);
  });

  it('refuses a cursor that is not a snowflake and a limit outside 1-100 with 50035', async () => {
    const context = await startBotForTest();
    const path = `/channels/${context.world.channels.general}/messages`;
    const badCursor = await api(context, `${path}?before=yesterday`);
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        before: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value "yesterday" is not snowflake.' }] },
      },
    });
    const tooMany = await api(context, `${path}?limit=101`);
    expect(await tooMany.json()).toMatchObject({
      code: 50035,
      errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } },
    });
  });

  it('answers no messages without Read Message History, and 50001 for one message', async () => {
    const context = await startBotForTest();
    const ids = await fiveMessages(context);
    await withoutPermission(context, 'ReadMessageHistory');
    const channel = context.bot.channels.cache.get(context.world.channels.general) as TextChannel;
    expect((await channel.messages.fetch({ limit: 10 })).size).toBe(0);
    expect(await discordErrorCode(channel.messages.fetch({ message: ids[0] as string, force: true }))).toBe(
      50001,
    );
  });
});

describe('GET /channels/{id}/messages/{id}', () => {
  it('answers 10008 for an ephemeral interaction reply, which only its webhook reaches', async () => {
    const context = await startBotForTest();
    const { bot, control, world } = context;
    await context.guild().commands.set([{ name: 'rank', description: 'Your rank' }]);
    const replied = new Promise<string>((resolve, reject) => {
      bot.once(Events.InteractionCreate, (interaction) => {
        if (!interaction.isChatInputCommand()) return reject(new Error('not a command'));
        interaction
          .reply({ content: 'Silver', flags: MessageFlags.Ephemeral, withResponse: true })
          .then((response) => resolve(response.resource?.message?.id ?? ''), reject);
      });
    });
    await control.runCommand({ channelId: world.channels.general, userId: world.users.alice, name: 'rank' });
    const messageId = await replied;
    expect(messageId).not.toBe('');
    const response = await api(context, `/channels/${world.channels.general}/messages/${messageId}`);
    expect([response.status, await response.json()]).toEqual([
      404,
      { message: 'Unknown Message', code: 10008 },
    ]);
  });
});

describe('channel access', () => {
  it('answers 50001 Missing Access in a guild channel the bot cannot view', async () => {
    const context = await startBotForTest();
    await withoutPermission(context, 'ViewChannel');
    const response = await api(context, `/channels/${context.world.channels.general}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Missing Access', code: 50001 });
    const channel = context.bot.channels.cache.get(context.world.channels.general) as TextChannel;
    expect(await discordErrorCode(channel.send('hello'))).toBe(50001);
  });

  it('refuses to delete the other side of a DM with 50003', async () => {
    const context = await startBotForTest();
    const received = nextEvent(
      context.bot,
      Events.MessageCreate,
      (message) => message.channel.type === ChannelType.DM,
    );
    await context.control.sendDirectMessage({ userId: context.world.users.alice, content: 'hi' });
    const [dm] = await received;
    expect(await discordErrorCode(dm.delete())).toBe(50003);
    const own = await dm.channel.send('hello');
    await own.delete();
  });
});
