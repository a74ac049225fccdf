import type { TestTandem } from './services.ts';

/** Whether every player's xp and balance equal the sums of their ledger rows. */
export async function ledgerMatchesTotals(t: Pick<TestTandem, 'db'>): Promise<boolean> {
  const { rows } = await t.db.pool.query(
    `SELECT count(*)::int AS drift FROM players p
       LEFT JOIN (SELECT player_id, sum(xp_delta) xp, sum(coin_delta) coins FROM ledger_entries GROUP BY player_id) l
         ON l.player_id = p.id
      WHERE p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)`,
  );
  return rows[0].drift === 0;
}
