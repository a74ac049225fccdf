import type { Queryable } from '../db/queryable.ts';

/** Coins one player gave another; the two ledger rows name it (`metadata.transferId`). */
export interface CoinTransfer {
  id: string;
  fromPlayerId: string;
  toPlayerId: string;
  amount: number;
  source: 'telegram' | 'discord' | 'admin' | 'system';
  createdAt: Date;
}

export const transferColumns = `id, from_player_id AS "fromPlayerId", to_player_id AS "toPlayerId", amount,
  source, created_at AS "createdAt"`;

export async function findTransfer(db: Queryable, transferId: string): Promise<CoinTransfer | null> {
  const { rows } = await db.query<CoinTransfer>(
    `SELECT ${transferColumns} FROM coin_transfers WHERE id = $1`,
    [transferId],
  );
  return rows[0] ?? null;
}
