import { loadProfile } from '../../players/load-profile.ts';
import { profileReply } from '../../replies/profile.ts';
import { nameAsText } from '../name-as-text.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** `/profile`: XP, coins, rank and progress, achievements and linked accounts. */
export const profileCommand: SlashCommand = {
  definition: describedCommand('profile'),
  ephemeral: true,
  async execute(_interaction, ctx, { playerId, t }) {
    return profileReply(t, await loadProfile(ctx.deps, playerId), nameAsText);
  },
};
