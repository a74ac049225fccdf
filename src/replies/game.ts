import { countOf, formatNumber, formatReward } from '../core/text-format.ts';
import type { GuessResult } from '../earning/play-guess.ts';
import type { StartGuessGameResult } from '../earning/start-guess-game.ts';

const tries = (n: number) => countOf(n, 'try', 'tries');

/** `/game`. */
export function gameStartReply(result: StartGuessGameResult): string {
  switch (result.kind) {
    case 'started': {
      const more =
        result.gamesLeft > 0
          ? `(${countOf(result.gamesLeft, 'more game')} left today.)`
          : "(That's your last game for today.)";
      return [
        `🎲 I'm thinking of a number from 1 to ${result.maxNumber}.`,
        `You have ${tries(result.attemptsLeft)}: send your guess! ${more}`,
      ].join('\n');
    }
    case 'already_playing':
      return `You're already in a game: guess a number from 1 to ${result.maxNumber} (${tries(result.attemptsLeft)} left).`;
    case 'limit_reached':
      return `That's all ${result.limit} games for today. Come back tomorrow for more!`;
  }
}

/**
 * A guess. A `duplicate` (the platform delivered the same message twice) was answered the first
 * time: bots may stay silent; the text is for those that always answer.
 */
export function guessReply(result: GuessResult): string {
  switch (result.kind) {
    case 'no_game':
      return 'No game is running. Send /game to start one.';
    case 'invalid':
      return result.message;
    case 'duplicate':
      return 'That guess was already counted.';
    case 'higher':
      return `Higher! ⬆️ ${tries(result.attemptsLeft)} left.`;
    case 'lower':
      return `Lower! ⬇️ ${tries(result.attemptsLeft)} left.`;
    case 'won':
      return [
        `🎉 You got it! ${formatReward(result.xp, result.coins)}.`,
        `You now have ${formatNumber(result.totals.xp)} XP and ${countOf(result.totals.balance, 'coin')}.`,
      ].join('\n');
    case 'lost':
      return `Out of tries! The number was ${result.secret}. Send /game to play again.`;
  }
}
