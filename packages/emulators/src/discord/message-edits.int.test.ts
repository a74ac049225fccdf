import { DiscordAPIError, MessageFlags, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotInScenario } from './testing/bot-in-scenario.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';

function general(context: BotInScenario): TextChannel {
  return context.bot.channels.cache.get(context.world.channels.general) as TextChannel;
}

async function setBotPermissions(context: BotInScenario, permissions: string[]) {
  const { control, world } = context;
  await control.setRolePermissions(world.guildId, world.roles.botRole, permissions);
  await control.setRolePermissions(world.guildId, world.guildId, ['ViewChannel']);
}

describe('replies', () => {
  it('refuses a reply to an unknown message with REPLIES_UNKNOWN_MESSAGE unless fail_if_not_exists is false', async () => {
    const context = await startBotForTest();
    const error = await general(context)
      .send({ content: 'gg', reply: { messageReference: '1' } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).rawError).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        message_reference: { _errors: [{ code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' }] },
      },
    });
    const sent = await general(context).send({
      content: 'gg',
      reply: { messageReference: '1', failIfNotExists: false },
    });
    expect(sent.reference).toBeNull();
    expect(sent.type).toBe(0);
  });
});

describe('PATCH /channels/{id}/messages/{id}', () => {
  it("changes only the embed suppression of another user's message, with Manage Messages", async () => {
    const context = await startBotForTest();
    const { control, world } = context;
    const sent = await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'hi',
    });
    const message = await general(context).messages.fetch(sent.id);
    expect(await discordErrorCode(message.edit('edited'))).toBe(50005);
    expect(await discordErrorCode(message.suppressEmbeds(true))).toBe(50013);

    await setBotPermissions(context, ['ViewChannel', 'SendMessages', 'ReadMessageHistory', 'ManageMessages']);
    const suppressed = await message.suppressEmbeds(true);
    expect(suppressed.flags.has(MessageFlags.SuppressEmbeds)).toBe(true);
    expect(suppressed.content).toBe('hi');
  });

  it('lets the author set or unset only SUPPRESS_EMBEDS among the flags', async () => {
    const context = await startBotForTest();
    const own = await general(context).send('report');
    const edited = await own.edit({ flags: MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral });
    expect(edited.flags.bitfield).toBe(MessageFlags.SuppressEmbeds);
    expect((await general(context).messages.fetch({ limit: 5 })).has(own.id)).toBe(true);
  });
});

describe('POST /channels/{id}/typing', () => {
  it('answers 204, or 50013 where the bot may not send messages', async () => {
    const context = await startBotForTest();
    await general(context).sendTyping();
    await setBotPermissions(context, ['ViewChannel', 'ReadMessageHistory']);
    expect(await discordErrorCode(general(context).sendTyping())).toBe(50013);
  });
});
