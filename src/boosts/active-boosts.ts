import type { Database } from '../db/database.ts';
import type { Queryable } from '../db/queryable.ts';
import { type CombinedXp, combineFactors, type NamedFactor } from '../economy/xp-factors.ts';
import type { BoostSource } from './boost-sources.ts';

export interface ActiveBoost {
  id: number;
  name: string;
  factor: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The boosts in force at `at` (start inclusive, end exclusive), for one source or any. The earning's
 * own time decides, not the clock when it is processed, so a replayed message keeps its boost.
 */
export async function activeBoosts(
  db: Pick<Database, 'pool'>,
  at: Date,
  source?: BoostSource,
): Promise<ActiveBoost[]> {
  return activeBoostsOn(db.pool, at, source);
}

/** {@link activeBoosts} read on a given connection, such as a transaction's client. */
export async function activeBoostsOn(db: Queryable, at: Date, source?: BoostSource): Promise<ActiveBoost[]> {
  const { rows } = await db.query<ActiveBoost>(
    `SELECT id, name, factor, starts_at AS "startsAt", ends_at AS "endsAt" FROM boosts
      WHERE active AND starts_at <= $1 AND ends_at > $1 AND ($2::text IS NULL OR $2 = ANY (sources))
      ORDER BY id`,
    [at, source ?? null],
  );
  return rows;
}

/** Boosts as the factors the ledger row names: `boost:<id>:<name>`. */
export function boostFactors(boosts: readonly ActiveBoost[]): NamedFactor[] {
  return boosts.map((boost) => ({ name: `boost:${boost.id}:${boost.name}`, value: boost.factor }));
}

/**
 * XP of a fixed reward (the daily bonus, a game win, a task's reward) under the boosts of its source, by the one rule
 * of `xp-factors.ts`, with the factors the ledger row names. Coins are not boosted.
 */
export function boostedXp(boosts: readonly ActiveBoost[], xp: number): CombinedXp {
  return combineFactors(xp, boostFactors(boosts));
}
