import { helpReply } from '../../replies/help.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** `/help`: the commands of the Discord bot and how players earn, the same list Telegram's /help shows for Discord. */
export const helpCommand: SlashCommand = {
  definition: describedCommand('help'),
  ephemeral: true,
  async execute(_interaction, _ctx, { t }) {
    return helpReply('discord', t);
  },
};
