import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { playGuess } from './play-guess.ts';
import { startGuessGame } from './start-guess-game.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
});
afterAll(async () => {
  await tandem?.stop();
});

const now = new Date('2026-11-22T10:00:00Z');
/** Draws the secret 7 out of the default 1-10. */
const seven = () => 0.65;

async function gameWins(playerId: string) {
  const { rows } = await tandem.db.pool.query(
    `SELECT idempotency_key, xp_delta, coin_delta FROM ledger_entries WHERE player_id = $1 AND reason = 'game_win'`,
    [playerId],
  );
  return rows;
}

describe('the guessing game', () => {
  it('starts one round per double tap and guides the player to a win paid once', async () => {
    const playerId = await tandem.createPlayer();
    const [first, second] = await Promise.all([
      startGuessGame(tandem, { playerId, now, random: seven }),
      startGuessGame(tandem, { playerId, now, random: seven }),
    ]);
    expect([first, second]).toContainEqual({ kind: 'started', maxNumber: 10, attemptsLeft: 3, gamesLeft: 9 });
    expect([first, second]).toContainEqual({ kind: 'already_playing', maxNumber: 10, attemptsLeft: 3 });

    expect(await playGuess(tandem, { playerId, text: '3', ref: 'u1', now })).toEqual({
      kind: 'higher',
      attemptsLeft: 2,
    });
    const win = await playGuess(tandem, { playerId, text: ' 7 ', ref: 'u2', now });
    expect(win).toEqual({ kind: 'won', xp: 50, coins: 10, totals: { xp: 50, balance: 10 } });
    // Telegram delivers the winning update again: nothing more is paid.
    expect(await playGuess(tandem, { playerId, text: '7', ref: 'u2', now })).toEqual({ kind: 'duplicate' });
    expect(await playGuess(tandem, { playerId, text: '7', ref: 'u3', now })).toEqual({ kind: 'no_game' });

    const session = await tandem.db.prisma.gameSession.findFirstOrThrow({ where: { playerId } });
    expect(session).toMatchObject({ status: 'won', attemptsLeft: 1, lastGuessRef: 'u2' });
    const wins = await gameWins(playerId);
    expect(wins).toEqual([
      { idempotency_key: `tg-game-${session.id}-${playerId}`, xp_delta: 50, coin_delta: 10 },
    ]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('spends one attempt for a guess delivered twice, even at the same instant', async () => {
    const playerId = await tandem.createPlayer();
    await startGuessGame(tandem, { playerId, now, random: seven });
    const twice = await Promise.all([
      playGuess(tandem, { playerId, text: '9', ref: 'u10', now }),
      playGuess(tandem, { playerId, text: '9', ref: 'u10', now }),
    ]);
    expect(twice).toContainEqual({ kind: 'lower', attemptsLeft: 2 });
    expect(twice).toContainEqual({ kind: 'duplicate' });
    expect(await playGuess(tandem, { playerId, text: '8', ref: 'u11', now })).toEqual({
      kind: 'lower',
      attemptsLeft: 1,
    });
  });

  it('reveals the secret when the last attempt misses, and pays nothing', async () => {
    const playerId = await tandem.createPlayer();
    await startGuessGame(tandem, { playerId, now, random: seven });
    for (const [i, text] of ['1', '2'].entries())
      await playGuess(tandem, { playerId, text, ref: `m${i}`, now });
    expect(await playGuess(tandem, { playerId, text: '3', ref: 'm3', now })).toEqual({
      kind: 'lost',
      secret: 7,
    });
    expect(await gameWins(playerId)).toEqual([]);
    expect(await playGuess(tandem, { playerId, text: '7', ref: 'm4', now })).toEqual({ kind: 'no_game' });
  });

  it('answers a guess that is not a number in range with a clear message and changes nothing', async () => {
    const playerId = await tandem.createPlayer();
    expect(await playGuess(tandem, { playerId, text: '5', ref: 'x0', now })).toEqual({ kind: 'no_game' });
    await startGuessGame(tandem, { playerId, now, random: seven });
    for (const text of ['seven', '11', '0', '2.5', '']) {
      expect(await playGuess(tandem, { playerId, text, ref: `x-${text}`, now })).toEqual({
        kind: 'invalid',
        message: 'Send a whole number from 1 to 10.',
        maxNumber: 10,
      });
    }
    const session = await tandem.db.prisma.gameSession.findFirstOrThrow({ where: { playerId } });
    expect(session).toMatchObject({ status: 'active', attemptsLeft: 3, lastGuessRef: null });
  });

  it('stops new rounds at the daily limit and opens them again the next UTC day', async () => {
    const playerId = await tandem.createPlayer();
    await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
      JSON.stringify({ game: { dailyGameLimit: 2, maxAttempts: 1 } }),
    ]);
    tandem.settings.invalidate();
    try {
      for (const expectedLeft of [1, 0]) {
        expect(await startGuessGame(tandem, { playerId, now, random: seven })).toMatchObject({
          kind: 'started',
          attemptsLeft: 1,
          gamesLeft: expectedLeft,
        });
        expect(await playGuess(tandem, { playerId, text: '1', ref: `r${expectedLeft}`, now })).toEqual({
          kind: 'lost',
          secret: 7,
        });
      }
      expect(await startGuessGame(tandem, { playerId, now, random: seven })).toEqual({
        kind: 'limit_reached',
        limit: 2,
      });
      const tomorrow = new Date('2026-11-23T00:00:01Z');
      expect(await startGuessGame(tandem, { playerId, now: tomorrow, random: seven })).toMatchObject({
        kind: 'started',
        gamesLeft: 1,
      });
    } finally {
      await tandem.db.pool.query(`DELETE FROM settings WHERE key = 'economy'`);
      tandem.settings.invalidate();
    }
  });
});
