import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { canStartGame, startGame, utcDay } from '../economy/earning-rules.ts';
import { lockPerson } from '../persons/persons.ts';
import type { EarningDeps } from './earning-deps.ts';
import { lockLivePlayer } from './lock-player.ts';

const startInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  now: z.date(),
});
export type StartGuessGameInput = z.input<typeof startInputSchema> & {
  /** A uniform draw from [0, 1) for the secret. @defaultValue `Math.random` */
  random?: () => number;
};

export type StartGuessGameResult =
  /** `gamesLeft`: games the player may still start today after this one. */
  | { kind: 'started'; maxNumber: number; attemptsLeft: number; gamesLeft: number }
  /** A round is still open (whatever day it started): it goes on, no new one counts. */
  | { kind: 'already_playing'; maxNumber: number; attemptsLeft: number }
  | { kind: 'limit_reached'; limit: number };

/**
 * `/game` (Telegram): starts a guess-the-number round, at most `dailyGameLimit` per UTC day and
 * person: the rounds of every account of the person count (an account unlinked or merged today
 * brings its rounds along). Under the player's and the person's row locks, so a double tap starts
 * one round and the second tap is `already_playing`, and two accounts of one person cannot both
 * take the last round.
 */
export async function startGuessGame(
  deps: EarningDeps,
  input: StartGuessGameInput,
): Promise<StartGuessGameResult> {
  const { playerId, now } = parseInput(startInputSchema, input, 'game start');
  const random = input.random ?? Math.random;
  const settings = await deps.settings.economy();
  const { maxNumber } = settings.game;
  return deps.engine.transaction(async ({ client }) => {
    const player = await lockLivePlayer(client, playerId);
    await lockPerson(client, player.personId);
    const open = await client.query<{ attempts_left: number }>(
      `SELECT attempts_left FROM game_sessions WHERE player_id = $1 AND status = 'active' LIMIT 1`,
      [playerId],
    );
    if (open.rows[0]) return { kind: 'already_playing', maxNumber, attemptsLeft: open.rows[0].attempts_left };

    const day = utcDay(now);
    const started = await client.query<{ games: number }>(
      `SELECT count(*)::int AS games FROM game_sessions
        WHERE day = $2 AND player_id IN (SELECT id FROM players WHERE person_id = $1)`,
      [player.personId, day],
    );
    const allowed = canStartGame({ gamesToday: started.rows[0]!.games }, settings);
    if (!allowed.ok) return { kind: 'limit_reached', limit: allowed.limit };

    const round = startGame({ random }, settings);
    await client.query(
      'INSERT INTO game_sessions (player_id, day, secret, attempts_left) VALUES ($1, $2, $3, $4)',
      [playerId, day, round.secret, round.attemptsLeft],
    );
    return { kind: 'started', maxNumber, attemptsLeft: round.attemptsLeft, gamesLeft: allowed.gamesLeft - 1 };
  });
}
