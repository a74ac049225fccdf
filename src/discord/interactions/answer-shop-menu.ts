import { MessageFlags, type StringSelectMenuInteraction } from 'discord.js';
import { errorReply } from '../../replies/errors.ts';
import { purchaseReply } from '../../replies/shop.ts';
import { buyItem } from '../../shop/buy-item.ts';
import type { DiscordBotContext } from '../bot-context.ts';
import { readerOf, shippedTextsFor } from '../discord-identity.ts';
import { nameAsText } from '../name-as-text.ts';
import { message } from './answer-command.ts';
import { logCommandError } from './log-command-error.ts';

/** As for commands: Discord drops an interaction not answered within 3 s, so slow work is deferred first. */
const deferAfterMs = 1_500;

/**
 * An item picked in /shop's menu: the player who picked buys it. One pick is one interaction, so
 * its id is the request id (Discord redelivers nothing; a pick made twice is two purchases, as two
 * /buy typed on Telegram are). The answer, or why the shop refused, is shown to the buyer only;
 * the menu stays, to buy something else.
 */
export async function answerShopMenu(ctx: DiscordBotContext, interaction: StringSelectMenuInteraction) {
  let t = shippedTextsFor(interaction);
  const outcome: Promise<string> = readerOf(ctx.deps, interaction)
    .then(async (reader) => {
      t = reader.t;
      const itemId = Number(interaction.values[0]);
      const result = await buyItem(ctx.deps, {
        playerId: reader.playerId,
        itemId,
        requestId: `dc-${interaction.id}`,
        source: 'discord',
      });
      return purchaseReply(t, result, nameAsText);
    })
    .catch((error: unknown) => {
      logCommandError(ctx.logger, error, { command: 'shop:buy', userId: interaction.user.id });
      return errorReply(error, t);
    });
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deferAfterMs);
  });
  const quick = await Promise.race([outcome, slow]);
  clearTimeout(timer);
  if (quick === null) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(message(await outcome));
    return;
  }
  await interaction.reply({ ...message(quick), flags: MessageFlags.Ephemeral });
}
