import type { Database } from '../db/database.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Engine } from '../ledger/engine.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';

/** What the payout services work with; a process's Services has all of it. */
export interface PayoutDeps {
  engine: Engine;
  db: Pick<Database, 'pool'>;
  /** Tells admin pages about new and decided payouts. @defaultValue none */
  changes?: ChangePublisher;
  /** Counts payouts requested, approved and declined. @defaultValue not counted */
  metrics?: Pick<TandemMetrics, 'community'>;
}

/** The smallest payout, in coins: below it, handling a withdrawal costs more than it is worth. @defaultValue 100 */
export const minPayoutCoins = 100;

/** The decision; what the coins are is the ledger's answer (`holdState` in src/ledger/holds.ts). */
export type PayoutStatus = 'held' | 'approved' | 'declined';

export interface Payout {
  id: string;
  playerId: string;
  amount: number;
  status: PayoutStatus;
  note: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
}

export const payoutColumns = `id, player_id AS "playerId", amount, status, note, decided_by AS "decidedBy",
  decided_at AS "decidedAt", version, created_at AS "createdAt"`;

export async function findPayout(db: Queryable, payoutId: string): Promise<Payout | null> {
  const { rows } = await db.query<Payout>(`SELECT ${payoutColumns} FROM payouts WHERE id = $1`, [payoutId]);
  return rows[0] ?? null;
}
