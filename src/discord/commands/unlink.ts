import { unlinkIdentity } from '../../linking/unlink-identity.ts';
import { unlinkedReply } from '../../replies/link.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** `/unlink`: this Discord account leaves its linked account (which keeps everything earned). */
export const unlinkCommand: SlashCommand = {
  definition: describedCommand('unlink'),
  ephemeral: true,
  async execute(interaction, ctx, { t }) {
    const result = await unlinkIdentity(ctx.deps, {
      platform: 'discord',
      platformUserId: interaction.user.id,
    });
    return unlinkedReply(t, result, 'discord');
  },
};
