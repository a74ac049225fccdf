import { Events } from 'discord.js';
import { answerCommand } from '../interactions/answer-command.ts';
import { answerLinkButton } from '../interactions/answer-link-button.ts';
import { linkButtonPattern } from '../interactions/link-buttons.ts';
import { defineGatewayEvent } from './gateway-event.ts';

/** Slash commands, routed by name, and the buttons under a link preview (the only buttons Tandem sends). */
export const interactionCreate = defineGatewayEvent({
  event: Events.InteractionCreate,
  async handle(ctx, interaction) {
    if (interaction.isButton()) {
      const link = linkButtonPattern.exec(interaction.customId);
      if (link) await answerLinkButton(ctx, interaction, link[1] as 'yes' | 'no', link[2]!);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    await answerCommand(ctx, interaction, ctx.commands.get(interaction.commandName));
  },
});
