import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { helpReply } from '../../replies/help.ts';
import type { Feature } from '../feature.ts';
import { type TandemContext, textsOf } from '../tandem-context.ts';
import { unknownCommandReply } from '../telegram-replies.ts';

/**
 * `/help`, and a hint for commands the bot does not know. Runs after every feature's commands, so
 * anything that reaches the hint is unknown. In a group, a command addressed to another bot
 * (`/roll@dice_bot`) is that bot's business: no answer.
 */
export function helpFeature(): Feature {
  const unknown = new Composer<TandemContext>();
  unknown.on(message('text'), async (ctx, next) => {
    const first = ctx.message.entities?.[0];
    if (first?.type !== 'bot_command' || first.offset !== 0) return next();
    const addressee = ctx.message.text.slice(0, first.length).split('@')[1];
    if (addressee && addressee.toLowerCase() !== ctx.botInfo.username.toLowerCase()) return;
    return ctx.reply(unknownCommandReply(textsOf(ctx)));
  });
  return {
    commands: [{ name: 'help', run: (ctx) => ctx.reply(helpReply('telegram', textsOf(ctx))) }],
    composer: unknown,
  };
}
