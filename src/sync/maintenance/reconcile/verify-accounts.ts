import { verifyPlayerTotals } from '../../../ledger/restore-totals.ts';
import { checkAccounts } from '../../../ledger/totals-checkpoint.ts';
import type { SyncContext } from '../../context.ts';
import { messageOf, type Tally } from './findings.ts';

/**
 * Verifies a batch of accounts against the ledger: one statement checks them all (from their
 * checkpoints, or from scratch for an audit) and advances the checkpoints of those that match; each
 * one that did not is verified again from its whole history under its row lock, where drift is
 * restored and counted, and chain breaks after its old checkpoint are reported. A player that fails
 * is counted and the batch goes on with the next one.
 */
export async function verifyAccounts(
  ctx: SyncContext,
  playerIds: readonly string[],
  options: { fromScratch: boolean },
  tally: Tally,
): Promise<void> {
  const checked = await checkAccounts(ctx.db.pool, playerIds, options);
  tally.report.totalsChecked += checked.length;
  for (const account of checked) {
    if (account.ok) continue;
    const { playerId } = account;
    try {
      const verdict = await verifyPlayerTotals(ctx.db.pool, playerId, { chainAfter: account.fromEntryId });
      if (verdict.drift) {
        tally.report.totalsFixed += 1;
        tally.add({ kind: 'totals', playerId, ...verdict.drift });
      }
      if (verdict.chainBreak) {
        tally.report.chainBreaks += 1;
        tally.add({ kind: 'chain', playerId, ...verdict.chainBreak });
      }
    } catch (error) {
      tally.report.errors += 1;
      tally.add({ kind: 'error', step: 'totals', message: `player ${playerId}: ${messageOf(error)}` });
    }
  }
}
