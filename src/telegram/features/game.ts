import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { playGuess } from '../../earning/play-guess.ts';
import { startGuessGame } from '../../earning/start-guess-game.ts';
import { gameStartReply, guessReply } from '../../replies/game.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';
import { notUnderstoodReply } from '../telegram-replies.ts';

/**
 * `/game` starts today's number guessing game; while it runs, a plain message in the private chat
 * is a guess. The guess is keyed by the update id, so a redelivered update does not spend a second
 * attempt. In groups, messages are chatter (see chat-xp.ts), never guesses.
 */
export function gameFeature(deps: TelegramDeps): Feature {
  const guesses = new Composer<TandemContext>();
  guesses.on(message('text'), async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const result = await playGuess(deps, {
      playerId: playerIdOf(ctx),
      text: ctx.message.text,
      ref: `tg-${ctx.update.update_id}`,
      now: new Date(),
    });
    // Without a game, only a number reads as a guess ("no game running"); other text is not one.
    if (result.kind === 'no_game' && !/^\s*\d+\s*$/.test(ctx.message.text)) {
      return ctx.reply(notUnderstoodReply(textsOf(ctx)));
    }
    return ctx.reply(guessReply(textsOf(ctx), result));
  });
  return {
    commands: [
      {
        name: 'game',
        async run(ctx) {
          const result = await startGuessGame(deps, { playerId: playerIdOf(ctx), now: new Date() });
          return ctx.reply(gameStartReply(textsOf(ctx), result));
        },
      },
    ],
    composer: guesses,
  };
}
