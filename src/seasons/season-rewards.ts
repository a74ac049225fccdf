import { z } from 'zod';

/** One place's prize. */
export const seasonRewardSchema = z.object({
  xp: z.number().int('must be a whole number').min(0, 'cannot be negative').max(1_000_000).default(0),
  coins: z.number().int('must be a whole number').min(0, 'cannot be negative').max(1_000_000).default(0),
});
export type SeasonReward = z.output<typeof seasonRewardSchema>;

/**
 * The prize of a place (1 for the winner): the list is by place, first place first, and places past
 * its end get its last entry, so a one-entry list rewards all N winners alike. An empty list: none.
 */
export function rewardForPlace(rewards: ReadonlyArray<SeasonReward>, place: number): SeasonReward {
  if (rewards.length === 0) return { xp: 0, coins: 0 };
  return rewards[Math.min(place, rewards.length) - 1]!;
}
