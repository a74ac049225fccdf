import { ApplicationCommandOptionType } from 'discord.js';
import { topPlayers } from '../../players/top-players.ts';
import { seasonTopReply, topReply } from '../../replies/top.ts';
import { currentSeasonTop } from '../../seasons/current-season-top.ts';
import { nameAsText } from '../name-as-text.ts';
import { describedCommand, describedOption } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/top`: the leaderboard, shown to the channel (it is public information and invites competition);
 * `/top season:True` the running season's board (XP gained in it).
 */
export const topCommand: SlashCommand = {
  definition: {
    ...describedCommand('top'),
    options: [{ type: ApplicationCommandOptionType.Boolean, ...describedOption('top', 'season') }],
  },
  ephemeral: false,
  async execute(interaction, ctx, { t }) {
    if (interaction.options.getBoolean('season') === true)
      return seasonTopReply(t, await currentSeasonTop(ctx.deps, 10), nameAsText);
    return topReply(t, await topPlayers(ctx.deps, { limit: 10 }), nameAsText);
  },
};
