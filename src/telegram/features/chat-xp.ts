import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { awardMessageXp } from '../../earning/award-message-xp.ts';
import type { Feature } from '../feature.ts';
import { playerIdOf, type TandemContext } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/**
 * Chatting in the community's groups earns XP, silently: an answer to every message would drown the
 * group. Only groups count (a private chat with the bot is not the community), and the bot sees
 * every group message only where it is an admin or its privacy mode is off. The service keys the
 * award by chat and message id, so a redelivered update earns nothing twice.
 */
export function chatXpFeature(deps: TelegramDeps): Feature {
  const composer = new Composer<TandemContext>();
  composer.on(message('text'), async (ctx, next) => {
    if (ctx.chat.type !== 'group' && ctx.chat.type !== 'supergroup') return next();
    await awardMessageXp(deps, {
      playerId: playerIdOf(ctx),
      platform: 'telegram',
      messageId: String(ctx.message.message_id),
      channelId: String(ctx.chat.id),
      // Telegram has no roles: the role rules (multipliers, no-XP roles) are Discord's.
      roleIds: [],
      length: ctx.message.text.trim().length,
      // Telegram's send time, not ours: a redelivered update carries the same one.
      now: new Date(ctx.message.date * 1000),
    });
  });
  return { commands: [], composer };
}
