import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputApplicationCommandData,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  MessageFlags,
  Routes,
  type TextChannel,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { DiscordEmulatorOptions } from './index.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';

const RANK_COMMAND: ChatInputApplicationCommandData = {
  name: 'rank',
  description: 'Show a player rank',
  options: [
    { type: ApplicationCommandOptionType.User, name: 'player', description: 'Whose rank', required: true },
    { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Show to everyone' },
  ],
};

const COINS_COMMAND: ChatInputApplicationCommandData = {
  name: 'coins',
  description: 'Coins',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'give',
      description: 'Give coins',
      options: [
        { type: ApplicationCommandOptionType.User, name: 'to', description: 'Recipient', required: true },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'amount',
          description: 'How many',
          required: true,
        },
      ],
    },
  ],
};

async function setUp(options: DiscordEmulatorOptions = {}) {
  const { control, world, bot } = await startBotForTest({ emulator: options });
  await bot.application?.commands.set([RANK_COMMAND, COINS_COMMAND], world.guildId);
  return { control, world, bot };
}

/** Runs `handle` for the next chat-input command the bot receives. */
function onCommand(
  bot: Client,
  handle: (interaction: ChatInputCommandInteraction) => Promise<unknown>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    bot.once(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return reject(new Error('expected a slash command'));
      handle(interaction).then(() => resolve(), reject);
    });
  });
}

describe('slash commands', () => {
  it('registers guild commands with PUT and keeps their ids when registered again', async () => {
    const { control, world, bot } = await setUp();
    const registered = await control.commands({ guildId: world.guildId });
    expect(registered.map((command) => command.name).sort()).toEqual(['coins', 'rank']);
    const again = await bot.application?.commands.set([RANK_COMMAND], world.guildId);
    const rank = registered.find((command) => command.name === 'rank');
    expect(again?.first()?.id).toBe(rank?.id);
    expect(await control.commands({ guildId: world.guildId })).toHaveLength(1);
  });

  it('keeps the localizations of names and descriptions, options and choices, and returns them', async () => {
    const { control, world, bot } = await setUp();
    await bot.application?.commands.set(
      [
        {
          name: 'language',
          description: 'Pick a language',
          descriptionLocalizations: { ru: 'Выбрать язык' },
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'language',
              description: 'The language',
              descriptionLocalizations: { ru: 'Язык' },
              choices: [
                { name: 'Follow my app', nameLocalizations: { ru: 'Как в приложении' }, value: 'client' },
              ],
            },
          ],
        },
      ],
      world.guildId,
    );
    const [registered] = await control.commands({ guildId: world.guildId });
    expect(registered?.description_localizations).toEqual({ ru: 'Выбрать язык' });
    const option = (registered?.options as Record<string, unknown>[] | undefined)?.[0];
    expect(option?.description_localizations).toEqual({ ru: 'Язык' });
    expect(option?.choices).toEqual([
      { name: 'Follow my app', name_localizations: { ru: 'Как в приложении' }, value: 'client' },
    ]);
    const fetched = await bot.application?.commands.fetch({
      guildId: world.guildId,
      withLocalizations: true,
    });
    expect(fetched?.first()?.descriptionLocalizations).toEqual({ ru: 'Выбрать язык' });
    const plain = await bot.rest.get(Routes.applicationGuildCommands(world.bot.applicationId, world.guildId));
    expect((plain as Record<string, unknown>[])[0]).not.toHaveProperty('description_localizations');
  });

  it("sends the language of the member's app as locale and the guild's as guild_locale", async () => {
    const { control, world, bot } = await setUp();
    await control.updateUser(world.users.bob, { locale: 'ru' });
    await control.updateGuild(world.guildId, { preferredLocale: 'de' });
    const seen: string[] = [];
    const handled = onCommand(bot, async (interaction) => {
      seen.push(interaction.locale, interaction.guildLocale ?? '');
      await interaction.reply({ content: 'ok' });
    });
    await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.bob,
      name: 'rank',
      options: { player: world.users.alice },
    });
    await handled;
    expect(seen).toEqual(['ru', 'de']);
    const users = ((await control.state()) as { users: { id: string; locale: string }[] }).users;
    expect(users.find((user) => user.id === world.users.bob)?.locale).toBe('ru');
    expect(users.find((user) => user.id === world.users.alice)?.locale).toBe('en-US');
    await expect(control.updateUser(world.users.bob, { locale: 'klingon' })).rejects.toThrow(
      /Discord's locales/,
    );
  });

  it('delivers options (a resolved user) and records the reply', async () => {
    const { control, world, bot } = await setUp();
    const handled = onCommand(bot, async (interaction) => {
      const player = interaction.options.getUser('player', true);
      const member = interaction.options.getMember('player');
      const isPublic = interaction.options.getBoolean('public');
      await interaction.reply({
        content: `${player.username} is Bronze (${member ? 'member' : 'not a member'}, public: ${isPublic})`,
      });
    });
    const created = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.bob,
      name: 'rank',
      options: { player: world.users.alice, public: true },
    });
    await handled;
    const done = await control.interaction(created.id, { until: 'completed' });
    expect(done.response?.type).toBe(4);
    expect(done.original?.content).toBe('alice is Bronze (member, public: true)');
    const channelMessages = await control.messages(world.channels.general);
    expect(channelMessages.at(-1)?.id).toBe(done.original?.id);
  });

  it('runs a subcommand with an integer option', async () => {
    const { control, world, bot } = await setUp();
    const handled = onCommand(bot, async (interaction) => {
      const to = interaction.options.getUser('to', true);
      await interaction.reply({
        content: `${interaction.options.getSubcommand()} ${interaction.options.getInteger('amount')} to ${to.username}`,
      });
    });
    const created = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'coins',
      subcommand: 'give',
      options: { to: world.users.bob, amount: 25 },
    });
    await handled;
    expect((await control.interaction(created.id, { until: 'completed' })).original?.content).toBe(
      'give 25 to bob',
    );
  });

  it('defers, edits the reply and follows up; the ephemeral reply stays out of the channel', async () => {
    const { control, world, bot } = await setUp();
    const handled = onCommand(bot, async (interaction) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply('Your rank: Silver');
      await interaction.followUp({ content: 'Next rank at 500 XP' });
    });
    const created = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.alice },
    });
    await handled;
    const done = await control.interaction(created.id, { until: 'followups', count: 1 });
    expect(done.response?.type).toBe(5);
    expect(done.state).toBe('completed');
    expect(done.ephemeral).toBe(true);
    expect(done.original?.content).toBe('Your rank: Silver');
    expect(done.original?.flags).toBe(MessageFlags.Ephemeral);
    expect(done.followups.map((message) => message?.content)).toEqual(['Next rank at 500 XP']);
  });

  it('fills the "thinking" message with the first follow-up after a deferred reply', async () => {
    const { control, world, bot } = await setUp();
    const handled = onCommand(bot, async (interaction) => {
      await interaction.deferReply();
      await interaction.followUp('Done thinking');
    });
    const created = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.bob },
    });
    await handled;
    const done = await control.interaction(created.id, { until: 'followups' });
    expect(done.original?.content).toBe('Done thinking');
    expect(done.followups[0]?.id).toBe(done.original?.id);
  });

  it('answers ?with_response=true with the callback response and the message', async () => {
    const { control, world, bot } = await setUp();
    let messageContent: string | undefined;
    const handled = onCommand(bot, async (interaction) => {
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      messageContent = response.resource?.message?.content;
    });
    await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.bob },
    });
    await handled;
    expect(messageContent).toBe('with response');
  });

  it('refuses a second response to the same interaction with 40060', async () => {
    const { control, world, bot } = await setUp();
    const second = onCommand(bot, async (interaction) => {
      await interaction.reply('first');
      await bot.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: 'second' } },
        auth: false,
      });
    });
    await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.bob },
    });
    await expect(second).rejects.toMatchObject({ code: 40060, status: 400 });
  });
});

describe('late answers', () => {
  it('forgets an interaction not answered within the response time (10062)', async () => {
    const { control, world, bot } = await setUp({ interactionResponseTimeoutMs: 0 });
    const late = onCommand(bot, (interaction) => interaction.reply('too late'));
    await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'rank',
      options: { player: world.users.bob },
    });
    const error = await late.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 10062, status: 404 });
  });
});

describe('buttons', () => {
  it('delivers a button press on the bot message and records the update', async () => {
    const { control, world, bot } = await setUp();
    const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
    const sent = await channel.send({
      content: 'Daily reward ready',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('claim-daily').setLabel('Claim').setStyle(ButtonStyle.Primary),
        ),
      ],
    });
    const pressed = new Promise<string>((resolve, reject) => {
      bot.once(Events.InteractionCreate, (interaction: Interaction) => {
        if (!interaction.isButton()) return reject(new Error('expected a button'));
        interaction
          .update({ content: `Claimed by ${interaction.user.username}`, components: [] })
          .then(() => resolve(interaction.customId), reject);
      });
    });
    const created = await control.pressButton({
      messageId: sent.id,
      userId: world.users.bob,
      customId: 'claim-daily',
    });
    expect(await pressed).toBe('claim-daily');
    const done = await control.interaction(created.id, { until: 'completed' });
    expect(done.response?.type).toBe(7);
    const [message] = await control.messages(world.channels.general);
    expect(message?.content).toBe('Claimed by bob');
    expect(message?.components).toEqual([]);
  });
});
