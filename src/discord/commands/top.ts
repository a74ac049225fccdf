import { topPlayers } from '../../players/top-players.ts';
import { topReply } from '../../replies/top.ts';
import { nameAsText } from '../name-as-text.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** `/top`: the leaderboard, shown to the channel (it is public information and invites competition). */
export const topCommand: SlashCommand = {
  definition: describedCommand('top'),
  ephemeral: false,
  async execute(_interaction, ctx, { t }) {
    return topReply(t, await topPlayers(ctx.deps, { limit: 10 }), nameAsText);
  },
};
