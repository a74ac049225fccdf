import { ApplicationCommandOptionType } from 'discord.js';
import { maxDeltaPerEvent } from '../../ledger/event-schemas.ts';
import { payNotToBotsReply, payReply } from '../../replies/pay.ts';
import { transferCoins } from '../../transfers/transfer-coins.ts';
import { playerForUser } from '../discord-identity.ts';
import { nameAsText } from '../name-as-text.ts';
import { describedCommand, describedOption } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/pay user:<member> amount:<coins>`. Discord's user option names the recipient exactly: a
 * member who never wrote becomes a player, as on their first message. The interaction id is the
 * request id (Discord sends one interaction per command run). The recipient is told by the core's
 * notice; the answer, private, gives the sender's balance after.
 */
export const payCommand: SlashCommand = {
  definition: {
    ...describedCommand('pay'),
    options: [
      { type: ApplicationCommandOptionType.User, ...describedOption('pay', 'user'), required: true },
      {
        type: ApplicationCommandOptionType.Integer,
        ...describedOption('pay', 'amount'),
        required: true,
        minValue: 1,
        maxValue: maxDeltaPerEvent,
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, { playerId, t }) {
    const user = interaction.options.getUser('user', true);
    if (user.bot) return payNotToBotsReply(t);
    const recipient = await playerForUser(ctx.deps, user);
    const result = await transferCoins(ctx.deps, {
      fromPlayerId: playerId,
      toPlayerId: recipient.playerId,
      amount: interaction.options.getInteger('amount', true),
      requestId: `dc-${interaction.id}`,
      source: 'discord',
    });
    return payReply(t, result, user.globalName ?? user.username, nameAsText);
  },
};
