import { ApplicationCommandOptionType } from 'discord.js';
import { announcementDmsReply, parseAnnouncementDmsChoice } from '../../replies/announcement-dms.ts';
import { describedCommand, describedOption, localizedChoice } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/announcements dms:off` stops the bot's DMs about the player's own rank-ups and achievements,
 * `dms:on` brings them back; without the option, says which it is. Channel announcements stay.
 */
export const announcementsCommand: SlashCommand = {
  definition: {
    ...describedCommand('announcements'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...describedOption('announcements', 'dms'),
        choices: [
          localizedChoice('command.announcements.option.dms.choice.on', 'on'),
          localizedChoice('command.announcements.option.dms.choice.off', 'off'),
        ],
      },
    ],
  },
  ephemeral: true,
  async execute(interaction, ctx, reader) {
    // Discord offers only the choices, but an old client or a hand-made request may send anything.
    const choice = parseAnnouncementDmsChoice(interaction.options.getString('dms') ?? '');
    return announcementDmsReply(ctx.deps, reader.playerId, choice, reader.t);
  },
};
