import { findDriftedTotals, restorePlayerTotals } from '../../../ledger/restore-totals.ts';
import type { SyncContext } from '../../context.ts';
import { messageOf, type Tally } from './findings.ts';

/**
 * Sets every player's totals that drifted from the ledger back to the ledger sums. A player that
 * fails is counted and the pass goes on with the next one.
 */
export async function reconcileTotals(ctx: SyncContext, tally: Tally): Promise<void> {
  for (const playerId of await findDriftedTotals(ctx.db.pool)) {
    try {
      const fixed = await restorePlayerTotals(ctx.db.pool, playerId);
      if (!fixed) continue;
      tally.report.totalsFixed += 1;
      tally.add({ kind: 'totals', playerId, ...fixed });
    } catch (error) {
      tally.report.errors += 1;
      tally.add({ kind: 'error', step: 'totals', message: `player ${playerId}: ${messageOf(error)}` });
    }
  }
}
