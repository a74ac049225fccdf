/**
 * How XP multipliers combine: the one rule every earning uses.
 *
 * The factors that apply to an earning are the member's role multiplier (the highest of their roles),
 * the channel's or group's multiplier, the community's global multiplier, and every boost event active
 * at the earning's time for its source. They are **multiplied together**, the product is **capped at
 * {@link maxCombinedFactor}**, and the XP is the base XP times that product **rounded to the nearest
 * whole number** (halves up, as earnings always were rounded). Factors of exactly 1 change nothing
 * and are left out of what the ledger row names. Only XP is multiplied: coins are never boosted.
 *
 * The earning's time is when the player earned it, not when it is processed: a message's or voice
 * minute's own time, the daily claim's or game's moment, and for a task reward the time the player
 * submitted the proof (a proof re-sent after a rejection counts from when it was re-sent), so a
 * task done during a boost keeps the boost when an admin approves it after the boost has ended.
 */

/** The most any combination of factors multiplies an earning by, so stacked boosts stay sane. */
export const maxCombinedFactor = 10;

/**
 * One factor as the ledger row names it: `role`, `channel`, `global` or `boost:<id>:<name>`. A type
 * rather than an interface so it fits the ledger's JSON metadata.
 */
export type NamedFactor = {
  name: string;
  value: number;
};

export interface CombinedXp {
  xp: number;
  /** The product after the cap. */
  factor: number;
  /** The factors other than 1, in the order given. */
  applied: NamedFactor[];
}

/** Base XP under the given factors, by the rule above. */
export function combineFactors(baseXp: number, factors: readonly NamedFactor[]): CombinedXp {
  const applied = factors.filter((factor) => factor.value !== 1);
  const product = applied.reduce((total, factor) => total * factor.value, 1);
  const factor = Math.min(maxCombinedFactor, product);
  return { xp: Math.round(baseXp * factor), factor, applied };
}
