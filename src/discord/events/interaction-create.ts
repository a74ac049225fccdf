import { Events } from 'discord.js';
import { answerCommand } from '../interactions/answer-command.ts';
import { defineGatewayEvent } from './gateway-event.ts';

/** Slash commands: route by name; buttons and other components are not used by Tandem on Discord. */
export const interactionCreate = defineGatewayEvent({
  event: Events.InteractionCreate,
  async handle(ctx, interaction) {
    if (!interaction.isChatInputCommand()) return;
    await answerCommand(ctx, interaction, ctx.commands.get(interaction.commandName));
  },
});
