import { Composer, Markup } from 'telegraf';
import { z } from 'zod';
import {
  buyButtonLabel,
  buyUsageReply,
  isForSale,
  purchaseReply,
  shopListReply,
} from '../../replies/shop.ts';
import { buyItem } from '../../shop/buy-item.ts';
import { shopForPlayer } from '../../shop/shop-for-player.ts';
import type { Feature } from '../feature.ts';
import { callbackData, callbackPatterns } from '../keyboards.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** An item's number as typed after /buy; the shop says whether there is such an item. */
const itemNumberArgument = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/**
 * `/shop` lists the items on sale with the player's balance and a buy button for each item left;
 * `/buy <number>` buys one.
 *
 * Request ids, which make a repeat one purchase: a typed /buy uses its update id (a redelivered
 * update buys once, a second /buy typed is a second purchase). A button uses the /shop message's
 * chat and id with the item: each tap is a new update with its own callback query, so only the
 * message and the button say that two taps are one wish. A second tap answers with the first
 * purchase; to buy the item again, the player opens /shop again (or types /buy).
 */
export function shopFeature(deps: TelegramDeps): Feature {
  const buy = async (ctx: TandemContext, itemId: number, requestId: string) => {
    const result = await buyItem(deps, { playerId: playerIdOf(ctx), itemId, requestId, source: 'telegram' });
    return ctx.reply(purchaseReply(textsOf(ctx), result));
  };

  const composer = new Composer<TandemContext>();
  composer.action(callbackPatterns.buyItem, async (ctx) => {
    await ctx.answerCbQuery();
    const shown = ctx.callbackQuery.message;
    const itemId = Number(ctx.match[1]);
    // A button always sits under a message; without one (an inline-mode message) the update id keeps it once.
    const requestId = shown
      ? `tg-buy-${shown.chat.id}-${shown.message_id}-${itemId}`
      : `tg-${ctx.update.update_id}`;
    return buy(ctx, itemId, requestId);
  });

  return {
    commands: [
      {
        name: 'shop',
        async run(ctx) {
          const { items, balance } = await shopForPlayer(deps, playerIdOf(ctx));
          const t = textsOf(ctx);
          const buttons = items
            .filter(isForSale)
            .map((item) => [Markup.button.callback(buyButtonLabel(t, item), callbackData.buyItem(item.id))]);
          return ctx.reply(shopListReply(t, items, balance, 'telegram'), Markup.inlineKeyboard(buttons));
        },
      },
      {
        name: 'buy',
        async run(ctx, args) {
          const itemId = itemNumberArgument.safeParse(args);
          if (!itemId.success) return ctx.reply(buyUsageReply(textsOf(ctx)));
          return buy(ctx, itemId.data, `tg-${ctx.update.update_id}`);
        },
      },
    ],
    composer,
  };
}
