import { z } from 'zod';
import { activeBoosts, boostedXp } from '../boosts/active-boosts.ts';
import { parseInput } from '../core/parse-input.ts';
import { ledgerReasons } from '../economy/achievements.ts';
import { dailyClaim } from '../economy/earning-rules.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { lockPerson } from '../persons/persons.ts';
import type { EarningDeps, PlayerTotals } from './earning-deps.ts';
import { lockLivePlayer } from './lock-player.ts';

const claimDailyInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  /** Where the player asked; the claim itself counts for both platforms. */
  source: z.enum(['telegram', 'discord']),
  now: z.date(),
});
export type ClaimDailyInput = z.input<typeof claimDailyInputSchema>;

export type DailyClaimOutcome =
  | { ok: true; xp: number; coins: number; streak: number; totals: PlayerTotals }
  | { ok: false; reason: 'already_claimed'; nextClaimAt: Date };

/**
 * `/daily` on either platform: the daily reward once per UTC day per person. Under the player's and
 * then the person's row lock the person's streak is read, the reward recorded and the streak
 * written, all in one transaction, so a double tap, the same claim on both platforms at once, or a
 * claim from an account just unlinked from (or linked to) one that claimed today pays once. The
 * ledger key names the day (`sys-daily-20261122-<player>`) whatever the platform: a second line of
 * defence within one account.
 */
export async function claimDaily(deps: EarningDeps, input: ClaimDailyInput): Promise<DailyClaimOutcome> {
  const { playerId, source, now } = parseInput(claimDailyInputSchema, input, 'daily claim');
  const settings = await deps.settings.economy();
  // Read before the transaction: a claim holds a connection and the player's lock until it commits.
  const boosts = await activeBoosts(deps.db, now, 'daily');
  return deps.engine.transaction(async (tx) => {
    const player = await lockLivePlayer(tx.client, playerId);
    const person = await lockPerson(tx.client, player.personId);
    const rules = dailyClaim({ now, lastClaimAt: person.lastDailyAt, streak: person.dailyStreak }, settings);
    if (!rules.ok) return rules;
    const boosted = boostedXp(boosts, rules.xp);
    const claim = { ...rules, xp: boosted.xp };

    let totals: PlayerTotals = { xp: player.xp, balance: player.balance };
    // Admins may set the reward to nothing; the engine refuses empty changes, the streak still counts.
    if (claim.xp > 0 || claim.coins > 0) {
      const outcome = await tx.record({
        key: buildIdempotencyKey({
          source: 'system',
          action: 'daily',
          entity: claim.day.replaceAll('-', ''),
          playerId,
        }),
        playerId,
        type: 'reward_grant',
        source,
        xpDelta: claim.xp,
        coinDelta: claim.coins,
        reason: ledgerReasons.daily,
        metadata: {
          day: claim.day,
          streak: claim.streak,
          ...(boosted.applied.length > 0 ? { factors: boosted.applied } : {}),
        },
      });
      // Today's reward is in the ledger although last_daily_at said otherwise (edited by hand):
      // the ledger wins, and the streak is not counted twice.
      if (!outcome.applied) return { ok: false, reason: 'already_claimed', nextClaimAt: nextUtcDay(now) };
      totals = { xp: outcome.xp, balance: outcome.balance };
    }
    await tx.client.query('UPDATE persons SET daily_streak = $2, last_daily_at = $3 WHERE id = $1', [
      player.personId,
      claim.streak,
      now,
    ]);
    // The account's copy: what its profile shows and what achievements count (a 7-day streak).
    await tx.client.query('UPDATE players SET daily_streak = $2, last_daily_at = $3 WHERE id = $1', [
      playerId,
      claim.streak,
      now,
    ]);
    return { ok: true, xp: claim.xp, coins: claim.coins, streak: claim.streak, totals };
  });
}

function nextUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
