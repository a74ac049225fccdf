import { ApplicationCommandOptionType } from 'discord.js';
import { boardHiddenOf, setBoardHidden } from '../../leaderboard/privacy.ts';
import { describedCommand, describedOption, localizedChoice } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/privacy`: without an option, whether the leaderboards (/top, the public board) show the player;
 * `/privacy leaderboards:<show|hide>` changes it. The choice is the player's, so it holds on
 * Telegram too. Answered privately.
 */
export const privacyCommand: SlashCommand = {
  definition: {
    ...describedCommand('privacy'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...describedOption('privacy', 'leaderboards'),
        choices: [
          localizedChoice('command.privacy.option.leaderboards.choice.show', 'show'),
          localizedChoice('command.privacy.option.leaderboards.choice.hide', 'hide'),
        ],
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, reader) {
    const typed = interaction.options.getString('leaderboards');
    if (typed === null) {
      const hidden = await boardHiddenOf(ctx.deps.db, reader.playerId);
      return `${reader.t(hidden ? 'reply.privacy.hidden' : 'reply.privacy.shown')} ${reader.t('reply.privacy.discordHint')}`;
    }
    // Discord offers only the choices, but an old client or a hand-made request may send anything.
    if (typed !== 'show' && typed !== 'hide')
      return reader.t('reply.privacy.unknown', { typed: typed.slice(0, 32) });
    await setBoardHidden(ctx.deps, reader.playerId, typed === 'hide');
    return reader.t(typed === 'hide' ? 'reply.privacy.nowHidden' : 'reply.privacy.nowShown');
  },
};
