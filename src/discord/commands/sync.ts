import { type ResyncResult, resyncPlayer } from '../../players/resync-player.ts';
import { rankLine } from '../../replies/profile.ts';
import type { Translate } from '../../texts/texts.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/sync`: a player who thinks their roles or totals are off asks for a check now rather than
 * waiting for the nightly reconcile. Totals are set back to the ledger and role writes are queued.
 */
export const syncCommand: SlashCommand = {
  definition: describedCommand('sync'),
  ephemeral: true,
  async execute(_interaction, ctx, { playerId, t }) {
    return syncReply(t, await resyncPlayer(ctx.deps, playerId, { now: ctx.now() }));
  },
};

/** The answer to `/sync`; Discord-only (Telegram has no roles), so it lives with the command. */
export function syncReply(t: Translate, result: ResyncResult): string {
  return [
    result.totalsFixed ? t('reply.sync.corrected') : t('reply.sync.matched'),
    result.rolesQueued
      ? t('reply.sync.rolesQueued')
      : // Nothing to apply, or a /sync of the same minute already queued it (its answer said so).
        t('reply.sync.rolesCurrent'),
    rankLine(t, result.profile),
  ].join('\n');
}
