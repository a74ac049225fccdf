import type { Totals } from '../../../ledger/restore-totals.ts';
import type { RoleDrift } from '../../../roles/role-drift.ts';
import type { StuckEvent } from '../requeue-stuck-events.ts';

export interface ReconcileReport {
  runId: number;
  playersChecked: number;
  /** Players whose totals were verified: those that changed since their checkpoint (totals-pass.ts). */
  totalsChecked: number;
  totalsFixed: number;
  /** Players with ledger rows whose "after" totals the rows before them do not explain. */
  chainBreaks: number;
  /** Players whose rank had not been derived from their XP: a rank_change is now recorded. */
  ranksRederived: number;
  /** Linked Discord members whose roles were compared. */
  membersChecked: number;
  /** Members whose roles differed from what Tandem wants (restored or, by policy, reported). */
  roleDrifts: number;
  rolesFixed: number;
  eventsRequeued: number;
  errors: number;
  /** Everything found, including what was left out of the stored list. */
  findings: number;
  durationMs: number;
}

export type ReconcileFinding =
  | { kind: 'totals'; playerId: string; expected: Totals; actual: Totals; error?: string }
  | {
      kind: 'chain';
      playerId: string;
      /** The first such row (of `rows`): what the rows up to it add up to, and what it says. */
      entryId: string;
      expected: Totals;
      actual: Totals;
      rows: number;
    }
  | { kind: 'rank'; playerId: string; expectedRankId: number | null; actualRankId: number | null }
  | {
      kind: 'roles';
      playerId: string;
      discordUserId: string;
      drift: RoleDrift;
      action: 'restored' | 'reported' | 'error';
      error?: string;
    }
  | ({ kind: 'stuck' } & StuckEvent)
  | { kind: 'error'; step: ReconcileStep; message: string }
  | { kind: 'truncated'; omitted: number };

/** The passes of a run, as named in its error findings. */
export type ReconcileStep = 'totals' | 'ranks' | 'roles' | 'stuck';

/** The kinds of finding that mean something was out of step (the others: a stuck event, an error). */
export const driftKinds = ['totals', 'chain', 'rank', 'roles'] as const;

/** Findings kept on the ReconcileRun row; the rest are counted in a final `truncated` entry. */
export const maxStoredFindings = 200;

/** What one run has found so far: the counts of its report and the findings it keeps. */
export class Tally {
  readonly report: Omit<ReconcileReport, 'runId' | 'findings' | 'durationMs'> = {
    playersChecked: 0,
    totalsChecked: 0,
    totalsFixed: 0,
    chainBreaks: 0,
    ranksRederived: 0,
    membersChecked: 0,
    roleDrifts: 0,
    rolesFixed: 0,
    eventsRequeued: 0,
    errors: 0,
  };
  private readonly kept: ReconcileFinding[] = [];
  found = 0;
  /** Every finding by kind, those left out of the stored list included. */
  readonly byKind: Partial<Record<ReconcileFinding['kind'], number>> = {};

  add(finding: ReconcileFinding): void {
    this.found += 1;
    this.byKind[finding.kind] = (this.byKind[finding.kind] ?? 0) + 1;
    if (this.kept.length < maxStoredFindings) this.kept.push(finding);
  }

  error(step: ReconcileStep, error: unknown): void {
    this.report.errors += 1;
    this.add({ kind: 'error', step, message: messageOf(error) });
  }

  /** Whether the run found anything out of step. */
  get drift(): boolean {
    return driftKinds.some((kind) => (this.byKind[kind] ?? 0) > 0);
  }

  findings(): ReconcileFinding[] {
    const omitted = this.found - this.kept.length;
    return omitted > 0 ? [...this.kept, { kind: 'truncated', omitted }] : this.kept;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
