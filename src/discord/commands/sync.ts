import { formatNumber } from '../../core/text-format.ts';
import { type ResyncResult, resyncPlayer } from '../../players/resync-player.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/sync`: a player who thinks their roles or totals are off asks for a check now rather than
 * waiting for the nightly reconcile. Totals are set back to the ledger and role writes are queued.
 */
export const syncCommand: SlashCommand = {
  definition: describedCommand('sync'),
  ephemeral: true,
  async execute(_interaction, ctx, { playerId }) {
    return syncReply(await resyncPlayer(ctx.deps, playerId, { now: ctx.now() }));
  },
};

/** The answer to `/sync`; Discord-only (Telegram has no roles), so it lives with the command. */
export function syncReply(result: ResyncResult): string {
  const { profile } = result;
  return [
    result.totalsFixed
      ? '🔧 Your XP and coins were out of step with your history and have been corrected.'
      : '✅ Your XP and coins match your history.',
    result.rolesQueued
      ? 'Your rank and achievement roles are being re-applied: give it a few seconds.'
      : // Nothing to apply, or a /sync of the same minute already queued it (its answer said so).
        'Your roles need nothing new right now.',
    `Rank: ${profile.rank?.name ?? 'Unranked'} · ${formatNumber(profile.xp)} XP`,
  ].join('\n');
}
