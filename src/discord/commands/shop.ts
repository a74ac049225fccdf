import { shopListReply } from '../../replies/shop.ts';
import { shopForPlayer } from '../../shop/shop-for-player.ts';
import { shopMenu } from '../interactions/shop-menu.ts';
import { nameAsText } from '../name-as-text.ts';
import { describedCommand } from './command-texts.ts';
import type { SlashCommand } from './slash-command.ts';

/**
 * `/shop`: the items on sale and the player's balance, with a menu to buy one
 * (src/discord/interactions/answer-shop-menu.ts). Private: it shows the player's balance and counts.
 */
export const shopCommand: SlashCommand = {
  definition: describedCommand('shop'),
  ephemeral: true,
  async execute(_interaction, ctx, { playerId, t }) {
    const { items, balance } = await shopForPlayer(ctx.deps, playerId, ctx.now());
    return { text: shopListReply(t, items, balance, 'discord', nameAsText), components: shopMenu(t, items) };
  },
};
