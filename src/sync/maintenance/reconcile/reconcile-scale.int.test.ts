import { describe, expect, it } from 'vitest';
import { restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { openTestTandem } from '../../../../test/support/services.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { findingsOf } = world;

describe('reconcile: scale', () => {
  it('walks players in batches, stamps each one, and keeps the first 200 findings with a count of the rest', async () => {
    world.tandem = await openTestTandem();
    // Totals no ledger row explains, and ranks never derived: two findings per player.
    await world.tandem.db.pool.query(
      `INSERT INTO players (display_name, xp) SELECT 'p' || g, 1 FROM generate_series(1, 205) g`,
    );

    const report = await reconcile(world.tandem, { ...restore, batchSize: 50 });

    expect(report).toMatchObject({
      playersChecked: 205,
      totalsFixed: 205,
      ranksRederived: 205,
      findings: 410,
    });
    const findings = await findingsOf(report.runId);
    expect(findings).toHaveLength(201);
    expect(findings.at(-1)).toEqual({ kind: 'truncated', omitted: 210 });
    const { rows } = await world.tandem.db.pool.query(
      `SELECT count(*) FILTER (WHERE last_reconcile_at IS NOT NULL)::int AS stamped,
              (SELECT count(*)::int FROM players WHERE xp <> 0) AS drifted
         FROM sync_states`,
    );
    expect(rows[0]).toEqual({ stamped: 205, drifted: 0 });
  });
});
