import { Counter, type Registry } from 'prom-client';

export type LinkAction = 'linked' | 'merged' | 'unlinked';
export type PayoutAction = 'requested' | 'approved' | 'declined';

export interface CommunityMetrics {
  /** Identities linked (`merged`: both already had an account, now one), or unlinked. */
  link(action: LinkAction): void;
  payout(action: PayoutAction): void;
  /** A finished reconcile run: its findings by kind, and whether any of them was drift. */
  reconcileRun(findingsByKind: Readonly<Record<string, number>>, drift: boolean): void;
}

export function createCommunityMetrics(registry: Registry): CommunityMetrics {
  const links = new Counter({
    name: 'tandem_links_total',
    help: 'Account links by action: linked, merged (both identities had earned on their own), unlinked.',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  const payouts = new Counter({
    name: 'tandem_payouts_total',
    help: 'Payouts by action: requested (coins held), approved, declined (coins refunded).',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  const findings = new Counter({
    name: 'tandem_reconcile_findings_total',
    help: 'What reconcile runs found, by kind (totals, chain, rank, roles, stuck, error).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const runs = new Counter({
    name: 'tandem_reconcile_runs_total',
    help: 'Finished reconcile runs, by result: drift (something was out of step) or clean.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  return {
    link: (action) => links.inc({ action }),
    payout: (action) => payouts.inc({ action }),
    reconcileRun(findingsByKind, drift) {
      for (const [kind, n] of Object.entries(findingsByKind)) if (n > 0) findings.inc({ kind }, n);
      runs.inc({ result: drift ? 'drift' : 'clean' });
    },
  };
}
