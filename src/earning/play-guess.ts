import { z } from 'zod';
import { activeBoosts, boostedXp } from '../boosts/active-boosts.ts';
import { parseInput } from '../core/parse-input.ts';
import { ledgerReasons } from '../economy/achievements.ts';
import { guess, parseGuess } from '../economy/earning-rules.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { EarningDeps, PlayerTotals } from './earning-deps.ts';
import { lockLivePlayer } from './lock-player.ts';

const guessInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  /** The chat message as typed. */
  text: z.string().max(4096),
  /** The platform's id of the message or update: the same ref twice is one guess. */
  ref: z.string().min(1, 'ref must not be empty').max(64, 'ref: at most 64 characters'),
  now: z.date(),
});
export type PlayGuessInput = z.input<typeof guessInputSchema>;

export type GuessResult =
  | { kind: 'no_game' }
  /** Not a number from 1 to `maxNumber`: nothing changed; `message` says so in English, for logs. */
  | { kind: 'invalid'; message: string; maxNumber: number }
  /** This ref was already applied (a redelivered update): nothing changed. */
  | { kind: 'duplicate' }
  | { kind: 'higher' | 'lower'; attemptsLeft: number }
  | { kind: 'won'; xp: number; coins: number; totals: PlayerTotals }
  | { kind: 'lost'; secret: number };

interface Round {
  id: string;
  secret: number;
  attempts_left: number;
  status: 'active' | 'won' | 'lost';
  last_guess_ref: string | null;
}

/**
 * One guess in the player's open round. The player's row lock serialises guesses (and the win's
 * ledger write takes it anyway); the round remembers the ref of its last guess, so an update
 * delivered twice spends one attempt, and a replayed winning guess finds the round over and pays
 * nothing. The win pays through the engine under `tg-game-<round>-<player>`: once per round.
 */
export async function playGuess(deps: EarningDeps, input: PlayGuessInput): Promise<GuessResult> {
  const { playerId, text, ref, now } = parseInput(guessInputSchema, input, 'guess');
  const settings = await deps.settings.economy();
  // Read before the transaction: a guess holds a connection and the player's lock until it commits.
  const boosts = await activeBoosts(deps.db, now, 'game');
  return deps.engine.transaction(async (tx) => {
    const player = await lockLivePlayer(tx.client, playerId);
    // Only the latest round matters: a new one can start only once the previous one is over.
    const latest = await tx.client.query<Round>(
      `SELECT id, secret, attempts_left, status, last_guess_ref FROM game_sessions
        WHERE player_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [playerId],
    );
    const round = latest.rows[0];
    if (round?.last_guess_ref === ref) return { kind: 'duplicate' };
    if (round?.status !== 'active') return { kind: 'no_game' };
    const parsed = parseGuess(text, settings);
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message, maxNumber: settings.game.maxNumber };

    const scored = guess(
      { secret: round.secret, attemptsLeft: round.attempts_left, guess: parsed.value },
      settings,
    );
    const status = scored.outcome === 'win' ? 'won' : scored.outcome === 'lost' ? 'lost' : 'active';
    await tx.client.query(
      `UPDATE game_sessions SET attempts_left = $2, status = $3::"GameStatus", last_guess_ref = $4, updated_at = now()
        WHERE id = $1`,
      [round.id, scored.attemptsLeft, status, ref],
    );
    if (scored.outcome === 'higher' || scored.outcome === 'lower') {
      return { kind: scored.outcome, attemptsLeft: scored.attemptsLeft };
    }
    if (scored.outcome === 'lost') return { kind: 'lost', secret: round.secret };

    const boosted = boostedXp(boosts, settings.game.winXp);
    const { xp } = boosted;
    const coins = settings.game.winCoins;
    let totals: PlayerTotals = { xp: player.xp, balance: player.balance };
    // A prize set to nothing by the admins still ends the round as won, with no ledger row.
    if (xp > 0 || coins > 0) {
      const outcome = await tx.record({
        key: buildIdempotencyKey({ source: 'telegram', action: 'game', entity: round.id, playerId }),
        playerId,
        type: 'reward_grant',
        source: 'telegram',
        xpDelta: xp,
        coinDelta: coins,
        reason: ledgerReasons.gameWin,
        metadata: {
          gameSessionId: round.id,
          ...(boosted.applied.length > 0 ? { factors: boosted.applied } : {}),
        },
      });
      totals = { xp: outcome.xp, balance: outcome.balance };
    }
    return { kind: 'won', xp, coins, totals };
  });
}
