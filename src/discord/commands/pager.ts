import { ApplicationCommandOptionType } from 'discord.js';
import { runPagerCommand } from '../../alerts/pager-command.ts';
import { pagerReply } from '../../replies/pager.ts';
import { describedCommand, describedOption } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/pager code:<CODE>`: an admin signs up for Tandem's alerts by Discord DM, with the one-time code
 * the panel showed them; `/pager code:off` stops. Always private, so the code stays the admin's.
 */
export const pagerCommand: SlashCommand = {
  definition: {
    ...describedCommand('pager'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...describedOption('pager', 'code'),
        minLength: 1,
        maxLength: 32,
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, { t }) {
    const result = await runPagerCommand(ctx.deps.db.pool, {
      platform: 'discord',
      platformUserId: interaction.user.id,
      language: interaction.locale ?? null,
      args: interaction.options.getString('code') ?? '',
    });
    return pagerReply(t, result);
  },
};
