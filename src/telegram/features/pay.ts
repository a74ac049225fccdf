import type { Message, MessageEntity } from 'telegraf/types';
import {
  payAmbiguousNameReply,
  payNotToBotsReply,
  payReply,
  payUnknownNameReply,
  payUsageReply,
} from '../../replies/pay.ts';
import { transferCoins } from '../../transfers/transfer-coins.ts';
import type { Feature } from '../feature.ts';
import { type PayRecipient, recipientByName, recipientOfUser } from '../pay-recipient.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** `/pay <amount>` in reply to someone; a whole number, the transfer service judges its range. */
const amountOnly = /^(\d{1,9})$/;
/** `/pay <player> <amount>`: a name (`@ana_plays`) or a mention, then the amount. */
const playerAndAmount = /^(\S(?:.*\S)?)\s+(\d{1,9})$/s;

/**
 * `/pay @name 50`, `/pay 50` in reply to the recipient's message, or `/pay <mention> 50` for
 * someone without a username. The request id is the update id: a redelivered update pays once, a
 * second /pay typed is a second payment. The recipient is told by the core's notice.
 */
export function payFeature(deps: TelegramDeps): Feature {
  return {
    commands: [
      {
        name: 'pay',
        async run(ctx, args) {
          const t = textsOf(ctx);
          const asked = await recipientAndAmount(deps, ctx, args);
          if (!asked) return ctx.reply(payUsageReply(t));
          const { recipient, amount } = asked;
          if (recipient.kind === 'bot') return ctx.reply(payNotToBotsReply(t));
          if (recipient.kind === 'unknown') return ctx.reply(payUnknownNameReply(t, recipient.typed));
          if (recipient.kind === 'ambiguous') return ctx.reply(payAmbiguousNameReply(t, recipient.typed));
          const result = await transferCoins(deps, {
            fromPlayerId: playerIdOf(ctx),
            toPlayerId: recipient.playerId,
            amount,
            requestId: `tg-${ctx.update.update_id}`,
            source: 'telegram',
          });
          return ctx.reply(payReply(t, result, recipient.name));
        },
      },
    ],
  };
}

/** Who and how much, or null when the command says neither clearly (the usage is the answer). */
async function recipientAndAmount(
  deps: TelegramDeps,
  ctx: TandemContext,
  args: string,
): Promise<{ recipient: PayRecipient; amount: number } | null> {
  const message = ctx.message as Message.TextMessage | undefined;
  const only = amountOnly.exec(args);
  if (only) {
    const repliedTo = repliedToUser(message);
    return repliedTo ? { recipient: await recipientOfUser(deps, repliedTo), amount: Number(only[1]) } : null;
  }
  const both = playerAndAmount.exec(args);
  if (!both) return null;
  const amount = Number(both[2]);
  const mentioned = message?.entities?.find(
    (entity): entity is MessageEntity.TextMentionMessageEntity => entity.type === 'text_mention',
  );
  if (mentioned) return { recipient: await recipientOfUser(deps, mentioned.user), amount };
  const name = both[1]!;
  if (/\s/.test(name)) return null;
  return { recipient: await recipientByName(deps, name), amount };
}

/**
 * The author of the message /pay answers. In a forum topic every message "replies" to the topic's
 * opening service message: that is no choice of recipient.
 */
function repliedToUser(message: Message.TextMessage | undefined) {
  const replied = message?.reply_to_message;
  if (!replied || 'forum_topic_created' in replied) return null;
  return replied.from ?? null;
}
