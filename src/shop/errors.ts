import { clashedRequestReply, TandemError } from '../core/errors.ts';
import { messageOf } from '../texts/default-texts.ts';

/**
 * Why the shop refused. Messages are for the log and the panel; `playerMessage` is what the buyer
 * reads in their language. Nothing was written when one of these is thrown.
 */

export class ShopItemNotFoundError extends TandemError {
  override name = 'ShopItemNotFoundError';
  constructor(readonly itemId: number) {
    super('not_found', `No shop item ${itemId}`, { playerMessage: messageOf('error.shop.itemNotFound') });
  }
}

/** Inactive, or its availability window is over. */
export class ShopItemUnavailableError extends TandemError {
  override name = 'ShopItemUnavailableError';
  constructor(readonly itemId: number) {
    super('refused', `Shop item ${itemId} is not for sale now`, {
      playerMessage: messageOf('error.shop.unavailable'),
    });
  }
}

export class ShopItemNotYetError extends TandemError {
  override name = 'ShopItemNotYetError';
  constructor(
    readonly itemId: number,
    readonly availableFrom: Date,
  ) {
    const time = `${availableFrom.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    super('refused', `Shop item ${itemId} goes on sale at ${time}`, {
      playerMessage: messageOf('error.shop.notYet', { time }),
    });
  }
}

export class ShopItemSoldOutError extends TandemError {
  override name = 'ShopItemSoldOutError';
  constructor(readonly itemId: number) {
    super('refused', `Shop item ${itemId} is sold out`, { playerMessage: messageOf('error.shop.soldOut') });
  }
}

export class ShopLimitReachedError extends TandemError {
  override name = 'ShopLimitReachedError';
  constructor(
    readonly itemId: number,
    readonly limit: number,
  ) {
    super('refused', `A player may buy shop item ${itemId} ${limit} times`, {
      playerMessage: messageOf('error.shop.limitReached', { limit }),
    });
  }
}

export class ShopRankTooLowError extends TandemError {
  override name = 'ShopRankTooLowError';
  constructor(
    readonly itemId: number,
    readonly rank: string,
  ) {
    super('refused', `Shop item ${itemId} needs the rank ${rank}`, {
      playerMessage: messageOf('error.shop.rankTooLow', { rank }),
    });
  }
}

/** The item is granted on a platform the buyer has no linked account on. */
export class ShopNeedsAccountError extends TandemError {
  override name = 'ShopNeedsAccountError';
  constructor(readonly platform: 'telegram' | 'discord') {
    super('refused', `This item is granted on ${platform}: the player has no ${platform} account linked`, {
      playerMessage: messageOf(
        platform === 'discord' ? 'error.shop.needsDiscord' : 'error.shop.needsTelegram',
      ),
    });
  }
}

export class PurchaseNotFoundError extends TandemError {
  override name = 'PurchaseNotFoundError';
  constructor(readonly purchaseId: string) {
    super('not_found', `No purchase ${purchaseId}`, {
      playerMessage: messageOf('error.shop.purchaseNotFound'),
    });
  }
}

/** Fulfilled, refunded or failed already: a purchase is settled once. */
export class PurchaseAlreadySettledError extends TandemError {
  override name = 'PurchaseAlreadySettledError';
  constructor(
    readonly purchaseId: string,
    readonly status: string,
  ) {
    super('conflict', `Purchase ${purchaseId} is already ${status}`, {
      playerMessage: messageOf('error.shop.alreadySettled', { status }),
    });
  }
}

/** The same request id came back for another item: a client bug, never a double tap. */
export class PurchaseRequestConflictError extends TandemError {
  override name = 'PurchaseRequestConflictError';
  constructor(
    readonly requestId: string,
    readonly existingPurchaseId: string,
  ) {
    super('conflict', `Request ${requestId} already bought another item (purchase ${existingPurchaseId})`, {
      playerMessage: clashedRequestReply,
    });
  }
}

/**
 * Granting cannot succeed however often it is tried (no linked account, no bot for the platform):
 * the purchase fails at once and its coins go back.
 */
export class ShopGrantImpossibleError extends TandemError {
  override name = 'ShopGrantImpossibleError';
  constructor(message: string) {
    super('refused', message);
  }
}
