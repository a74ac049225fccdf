import { claimDaily } from '../../earning/claim-daily.ts';
import { dailyReply } from '../../replies/daily.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/** `/daily`: the daily reward, once per UTC day across Telegram and Discord. */
export const dailyCommand: SlashCommand = {
  definition: describedCommand('daily'),
  ephemeral: true,
  async execute(_interaction, ctx, { playerId, t }) {
    const now = ctx.now();
    return dailyReply(t, await claimDaily(ctx.deps, { playerId, source: 'discord', now }), now);
  },
};
