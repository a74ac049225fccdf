import {
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { DiscordControlClient } from './control-client.ts';
import type { Scenario } from './scenario.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';

async function setUp() {
  const { control, world, bot, urls } = await startBotForTest();
  await bot.application?.commands.set(
    [{ name: 'daily', description: 'Claim the daily reward' }],
    world.guildId,
  );
  return { control, world, bot, apiUrl: urls.apiUrl };
}

/** Runs `handle` for the next slash command the bot receives; rejects with what it threw. */
function onCommand(bot: Client, handle: (interaction: ChatInputCommandInteraction) => Promise<unknown>) {
  return new Promise<void>((resolve, reject) => {
    bot.once(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return reject(new Error('expected a slash command'));
      handle(interaction).then(() => resolve(), reject);
    });
  });
}

async function runDaily(control: DiscordControlClient, world: Scenario) {
  return control.runCommand({ channelId: world.channels.general, userId: world.users.alice, name: 'daily' });
}

describe('follow-up messages', () => {
  it('edits and deletes a follow-up by its id; a deleted one answers 10008', async () => {
    const { control, world, bot } = await setUp();
    let deletedTwice: unknown;
    const handled = onCommand(bot, async (interaction) => {
      await interaction.reply('Daily reward: 10 coins');
      const hint = await interaction.followUp({
        content: 'Come back tomorrow',
        flags: MessageFlags.Ephemeral,
      });
      const tip = await interaction.followUp('Streak: 3 days');
      await interaction.editReply({ message: tip.id, content: 'Streak: 4 days' });
      await interaction.deleteReply(hint.id);
      deletedTwice = await interaction.deleteReply(hint.id).catch((error: unknown) => error);
    });
    const created = await runDaily(control, world);
    await handled;
    expect(deletedTwice).toBeInstanceOf(DiscordAPIError);
    expect((deletedTwice as DiscordAPIError).code).toBe(10008);

    const done = await control.interaction(created.id, { until: 'followups', count: 2 });
    const [hint, tip] = done.followups;
    expect(hint).toMatchObject({
      content: 'Come back tomorrow',
      flags: MessageFlags.Ephemeral,
      deleted: true,
    });
    expect(tip).toMatchObject({ content: 'Streak: 4 days', deleted: false });
    // The deleted follow-up is gone from the channel; the edited one is there as edited.
    const contents = (await control.messages(world.channels.general)).map((message) => message.content);
    expect(contents).toEqual(['Daily reward: 10 coins', 'Streak: 4 days']);
  });

  it('answers a follow-up with the message even without ?wait=true (wait is always true)', async () => {
    const { control, world, bot, apiUrl } = await setUp();
    let response: Response | undefined;
    const handled = onCommand(bot, async (interaction) => {
      await interaction.deferReply();
      await interaction.editReply('Claimed');
      response = await fetch(`${apiUrl}/v10/webhooks/${interaction.applicationId}/${interaction.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Bonus: 5 coins', flags: MessageFlags.SuppressNotifications }),
      });
    });
    await runDaily(control, world);
    await handled;
    expect(response?.status).toBe(200);
    const message = (await response?.json()) as { content: string; flags: number };
    expect(message.content).toBe('Bonus: 5 coins');
    expect(message.flags).toBe(MessageFlags.SuppressNotifications);
  });

  it('keeps a deferred reply ephemeral when the first follow-up fills it, whatever its flags', async () => {
    const { control, world, bot } = await setUp();
    const handled = onCommand(bot, async (interaction) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'Only for you' });
    });
    const created = await runDaily(control, world);
    await handled;
    const done = await control.interaction(created.id, { until: 'completed' });
    expect(done.original).toMatchObject({ content: 'Only for you', flags: MessageFlags.Ephemeral });
  });

  it('refuses a follow-up before any response with 10015', async () => {
    const { control, world, bot } = await setUp();
    let early: unknown;
    const handled = onCommand(bot, async (interaction) => {
      early = await interaction.webhook.send('too early').catch((error: unknown) => error);
      await interaction.reply('ok');
    });
    await runDaily(control, world);
    await handled;
    expect(early).toBeInstanceOf(DiscordAPIError);
    expect((early as DiscordAPIError).code).toBe(10015);
  });
});
