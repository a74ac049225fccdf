import type { GuessResult } from '../earning/play-guess.ts';
import type { StartGuessGameResult } from '../earning/start-guess-game.ts';
import type { Translate } from '../texts/texts.ts';
import { rewardOf } from './reply-format.ts';

/** `/game`. */
export function gameStartReply(t: Translate, result: StartGuessGameResult): string {
  switch (result.kind) {
    case 'started':
      return t('reply.game.started', {
        max: result.maxNumber,
        tries: result.attemptsLeft,
        games: result.gamesLeft,
      });
    case 'already_playing':
      return t('reply.game.alreadyPlaying', { max: result.maxNumber, tries: result.attemptsLeft });
    case 'limit_reached':
      return t('reply.game.limitReached', { limit: result.limit });
  }
}

/**
 * A guess. A `duplicate` (the platform delivered the same message twice) was answered the first
 * time: bots may stay silent; the text is for those that always answer.
 */
export function guessReply(t: Translate, result: GuessResult): string {
  switch (result.kind) {
    case 'no_game':
      return t('reply.game.noGame');
    case 'invalid':
      return t('reply.game.invalidGuess', { max: result.maxNumber });
    case 'duplicate':
      return t('reply.game.duplicate');
    case 'higher':
      return t('reply.game.higher', { tries: result.attemptsLeft });
    case 'lower':
      return t('reply.game.lower', { tries: result.attemptsLeft });
    case 'won':
      return [
        t('reply.game.won', { reward: rewardOf(t, result.xp, result.coins) }),
        t('common.totals', { xp: result.totals.xp, coins: result.totals.balance }),
      ].join('\n');
    case 'lost':
      return t('reply.game.lost', { secret: result.secret });
  }
}
