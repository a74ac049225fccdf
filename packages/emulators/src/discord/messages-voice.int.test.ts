import { ChannelType, type Client, Events, type TextChannel } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DiscordControlClient } from './control-client.ts';
import type { DiscordEmulatorUrls } from './index.ts';
import type { Scenario } from './scenario.ts';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { connectClient, nextEvent } from './testing/discord-client.ts';

let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
let bot: Client;

beforeEach(async () => {
  const started = await startBotInScenario();
  ({ urls, control, world, bot } = started);
  return started.stop;
});

describe('messages', () => {
  it('delivers a member message and records the bot reply to it', async () => {
    const received = nextEvent(bot, Events.MessageCreate, (message) => !message.author.bot);
    const sent = await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: '!xp',
    });
    const [message] = await received;
    expect(message.content).toBe('!xp');
    expect(message.member?.id).toBe(world.users.alice);
    await message.reply('alice has 120 XP');

    const messages = await control.messages(world.channels.general, { authorId: world.bot.userId });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      content: 'alice has 120 XP',
      message_reference: { message_id: sent.id, channel_id: world.channels.general },
    });
  });

  it('accepts a multipart upload (payload_json + files[0]) and serves the file', async () => {
    const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
    await channel.send({
      content: 'Weekly report',
      files: [{ attachment: Buffer.from('rank,xp\nalice,120\n'), name: 'report.csv' }],
    });
    const [message] = await control.messages(world.channels.general);
    expect(message?.content).toBe('Weekly report');
    expect(message?.attachments).toMatchObject([{ filename: 'report.csv', size: 18 }]);
    const download = await fetch(message?.attachments[0]?.url ?? '');
    expect(await download.text()).toBe('rank,xp\nalice,120\n');
  });

  it('exchanges DMs; a user who closed DMs makes the send fail with 50007', async () => {
    const received = nextEvent(
      bot,
      Events.MessageCreate,
      (message) => message.channel.type === ChannelType.DM,
    );
    await control.sendDirectMessage({ userId: world.users.alice, content: 'link 4F7Q' });
    const [dm] = await received;
    expect(dm.content).toBe('link 4F7Q');
    await dm.channel.send('Linked your Telegram account');
    const [conversation] = await control.directMessages({ userId: world.users.alice });
    expect(conversation?.messages.map((m) => `${m.author.username}: ${m.content}`)).toEqual([
      'alice: link 4F7Q',
      'tandem: Linked your Telegram account',
    ]);

    await control.updateUser(world.users.bob, { acceptsDirectMessages: false });
    const bob = await bot.users.fetch(world.users.bob);
    await expect(bob.send('hello')).rejects.toMatchObject({ code: 50007, status: 403 });
  });
});

describe('voice', () => {
  it('reports join, self-mute, move and leave as voiceStateUpdate', async () => {
    const next = () =>
      nextEvent(bot, Events.VoiceStateUpdate, (_old, state) => state.id === world.users.alice);

    let update = next();
    await control.setVoiceState(world.guildId, world.users.alice, { channelId: world.channels.lounge });
    let [before, after] = await update;
    expect([before.channelId, after.channelId]).toEqual([null, world.channels.lounge]);
    expect(after.member?.user.username).toBe('alice');

    update = next();
    await control.setVoiceState(world.guildId, world.users.alice, { selfMute: true, selfDeaf: true });
    [before, after] = await update;
    expect([before.selfMute, after.selfMute, after.selfDeaf]).toEqual([false, true, true]);

    update = next();
    await control.setVoiceState(world.guildId, world.users.alice, { channelId: world.channels.afk });
    [before, after] = await update;
    expect([before.channelId, after.channelId]).toEqual([world.channels.lounge, world.channels.afk]);
    expect(after.channel?.id).toBe(bot.guilds.cache.get(world.guildId)?.afkChannelId);

    update = next();
    await control.leaveVoice(world.guildId, world.users.alice);
    [before, after] = await update;
    expect([before.channelId, after.channelId]).toEqual([world.channels.afk, null]);
  });

  it('lists members already in voice in GUILD_CREATE', async () => {
    await control.setVoiceState(world.guildId, world.users.bob, {
      channelId: world.channels.lounge,
      selfMute: true,
    });
    const second = await connectClient(urls.apiUrl, world.bot.token);
    try {
      const guild = second.guilds.cache.get(world.guildId);
      expect(guild?.voiceStates.cache.get(world.users.bob)).toMatchObject({
        channelId: world.channels.lounge,
        selfMute: true,
      });
      expect(guild?.members.cache.has(world.users.bob)).toBe(true);
    } finally {
      await second.destroy();
    }
  });
});
