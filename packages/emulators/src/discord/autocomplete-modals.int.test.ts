import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputApplicationCommandData,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotForTest } from './testing/bot-in-scenario.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

const SHOP_COMMAND: ChatInputApplicationCommandData = {
  name: 'shop',
  description: 'Buy something',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'item',
      description: 'What to buy',
      required: true,
      autocomplete: true,
    },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'How many' },
  ],
};

const REPORT_COMMAND: ChatInputApplicationCommandData = { name: 'report', description: 'Report a player' };

const ITEMS = ['sword', 'swift boots', 'shield', 'potion'];

async function setUp() {
  const { control, world, bot, urls } = await startBotForTest();
  await bot.application?.commands.set([SHOP_COMMAND, REPORT_COMMAND], world.guildId);
  return { control, world, bot, apiUrl: urls.apiUrl };
}

/** Runs `handle` for the next interaction the bot receives; rejects with what it threw. */
function onInteraction(bot: Client, handle: (interaction: Interaction) => Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    bot.once(Events.InteractionCreate, (interaction: Interaction) => {
      handle(interaction).then(() => resolve(), reject);
    });
  });
}

function reportModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId('report-form')
    .setTitle('Report a player')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder().setCustomId('who').setLabel('Who').setStyle(TextInputStyle.Short),
      ),
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('details')
          .setLabel('What happened')
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(false)
          .setMaxLength(20),
      ),
    );
}

describe('autocomplete', () => {
  it('sends what the user typed as the focused option and keeps the choices the bot suggested', async () => {
    const { control, world, bot } = await setUp();
    const raw = nextDispatch(bot, 'INTERACTION_CREATE');
    const answered = onInteraction(bot, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused(true);
      expect(focused).toMatchObject({ name: 'item', value: 'sw' });
      expect(interaction.options.getInteger('count')).toBe(2);
      const matches = ITEMS.filter((item) => item.startsWith(focused.value));
      await interaction.respond(matches.map((item) => ({ name: item, value: item })));
    });
    const created = await control.typeIntoOption({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'shop',
      focused: 'item',
      options: { item: 'sw', count: 2 },
    });
    await answered;
    const payload = await raw;
    expect(payload.type).toBe(4);
    expect((payload.data as { options: unknown[] }).options).toEqual([
      { name: 'item', type: 3, value: 'sw', focused: true },
      { name: 'count', type: 4, value: 2 },
    ]);
    const done = await control.interaction(created.id, { until: 'response' });
    expect(done.state).toBe('completed');
    expect(done.response?.type).toBe(8);
    expect(done.response?.data).toEqual({
      choices: [
        { name: 'sword', value: 'sword' },
        { name: 'swift boots', value: 'swift boots' },
      ],
    });
  });

  it('refuses more than 25 choices with 50035, and a reply message to an autocomplete', async () => {
    const { control, world, bot } = await setUp();
    const answered = onInteraction(bot, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const many = Array.from({ length: 26 }, (_, index) => ({ name: `item ${index}`, value: `${index}` }));
      await interaction.respond(many);
    });
    await control.typeIntoOption({
      channelId: world.channels.general,
      userId: world.users.alice,
      name: 'shop',
      focused: 'item',
    });
    const error = await answered.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).rawError).toMatchObject({
      errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
  });

  it('answers 422 for an option that does not autocomplete', async () => {
    const { control, world } = await setUp();
    await expect(
      control.typeIntoOption({
        channelId: world.channels.general,
        userId: world.users.alice,
        name: 'shop',
        focused: 'count',
        options: { count: '1' },
      }),
    ).rejects.toThrow(/does not autocomplete/);
  });
});

describe('modals', () => {
  it('delivers the submitted fields of a modal a slash command opened, and the reply to them', async () => {
    const { control, world, bot } = await setUp();
    const opened = onInteraction(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.showModal(reportModal());
    });
    const command = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.bob,
      name: 'report',
    });
    await opened;
    const withModal = await control.interaction(command.id, { until: 'response' });
    expect(withModal.response?.type).toBe(9);
    expect(withModal.response?.data).toMatchObject({ custom_id: 'report-form', title: 'Report a player' });

    const raw = nextDispatch(bot, 'INTERACTION_CREATE');
    const submitted = onInteraction(bot, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      expect(interaction.customId).toBe('report-form');
      expect(interaction.user.id).toBe(world.users.bob);
      const who = interaction.fields.getTextInputValue('who');
      await interaction.reply({ content: `Report about ${who} received`, flags: MessageFlags.Ephemeral });
    });
    const submission = await control.submitModal({ interactionId: command.id, values: { who: 'carol' } });
    await submitted;
    const payload = await raw;
    expect(payload.type).toBe(5);
    expect(payload.data).toEqual({
      custom_id: 'report-form',
      components: [
        { type: 1, id: 1, components: [{ type: 4, id: 2, custom_id: 'who', value: 'carol' }] },
        { type: 1, id: 3, components: [{ type: 4, id: 4, custom_id: 'details', value: '' }] },
      ],
    });
    const done = await control.interaction(submission.id, { until: 'completed' });
    expect(done.response?.type).toBe(4);
    expect(done.ephemeral).toBe(true);
    expect(done.original?.content).toBe('Report about carol received');
    expect((await control.interaction(command.id)).modalSubmissionId).toBe(submission.id);
    // The modal closed: a second submission is not possible.
    await expect(control.submitModal({ interactionId: command.id, values: { who: 'x' } })).rejects.toThrow(
      /already submitted/,
    );
  });

  it('checks fields as the client would: required, max length, unknown ids', async () => {
    const { control, world, bot } = await setUp();
    const opened = onInteraction(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.showModal(reportModal());
    });
    const command = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.bob,
      name: 'report',
    });
    await opened;
    await control.interaction(command.id, { until: 'response' });
    await expect(control.submitModal({ interactionId: command.id, values: {} })).rejects.toThrow(/required/);
    await expect(
      control.submitModal({ interactionId: command.id, values: { who: 'carol', details: 'x'.repeat(21) } }),
    ).rejects.toThrow(/at most 20/);
    await expect(
      control.submitModal({ interactionId: command.id, values: { who: 'carol', mood: 'angry' } }),
    ).rejects.toThrow(/no field mood/);
  });

  it('lets a modal opened from a button update the button message', async () => {
    const { control, world, bot } = await setUp();
    const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
    const sent = await channel.send({
      content: 'Something wrong?',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('open-report').setLabel('Report').setStyle(ButtonStyle.Danger),
        ),
      ],
    });
    const opened = onInteraction(bot, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.showModal(reportModal());
    });
    const press = await control.pressButton({
      messageId: sent.id,
      userId: world.users.alice,
      customId: 'open-report',
    });
    await opened;
    await control.interaction(press.id, { until: 'response' });

    const submitted = onInteraction(bot, async (interaction) => {
      if (!interaction.isModalSubmit() || !interaction.isFromMessage())
        throw new Error('expected a modal on a message');
      expect(interaction.message.id).toBe(sent.id);
      await interaction.update({ content: 'Reported, thanks', components: [] });
    });
    const submission = await control.submitModal({ interactionId: press.id, values: { who: 'bob' } });
    await submitted;
    expect((await control.interaction(submission.id, { until: 'completed' })).response?.type).toBe(7);
    const [message] = await control.messages(world.channels.general);
    expect(message?.content).toBe('Reported, thanks');
  });

  it('refuses a modal in answer to a modal submission (INTERACTION_CALLBACK_TYPE_INVALID)', async () => {
    const { control, world, bot } = await setUp();
    const opened = onInteraction(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.showModal(reportModal());
    });
    const command = await control.runCommand({
      channelId: world.channels.general,
      userId: world.users.bob,
      name: 'report',
    });
    await opened;
    await control.interaction(command.id, { until: 'response' });
    const again = onInteraction(bot, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      // discord.js offers no showModal here (Discord refuses it): send the callback by hand.
      await bot.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 9, data: reportModal().toJSON() },
        auth: false,
      });
    });
    await control.submitModal({ interactionId: command.id, values: { who: 'carol' } });
    const error = await again.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).rawError).toMatchObject({
      code: 50035,
      errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID' }] } },
    });
  });
});
