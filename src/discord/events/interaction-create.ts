import { Events } from 'discord.js';
import { answerCommand } from '../interactions/answer-command.ts';
import { answerLinkButton } from '../interactions/answer-link-button.ts';
import { answerShopMenu } from '../interactions/answer-shop-menu.ts';
import { linkButtonPattern } from '../interactions/link-buttons.ts';
import { shopMenuId } from '../interactions/shop-menu.ts';
import { defineGatewayEvent } from './gateway-event.ts';

/** Slash commands, routed by name, the buttons under a link preview and the menu under /shop. */
export const interactionCreate = defineGatewayEvent({
  event: Events.InteractionCreate,
  async handle(ctx, interaction) {
    if (interaction.isButton()) {
      const link = linkButtonPattern.exec(interaction.customId);
      if (link) await answerLinkButton(ctx, interaction, link[1] as 'yes' | 'no', link[2]!);
      return;
    }
    if (interaction.isStringSelectMenu()) {
      if (interaction.customId === shopMenuId) await answerShopMenu(ctx, interaction);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    await answerCommand(ctx, interaction, ctx.commands.get(interaction.commandName));
  },
});
