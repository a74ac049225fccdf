import type { Job } from 'bullmq';
import type { TestTandem } from '../../../test/support/services.ts';
import { type CreateShopItemInput, createShopItem } from '../manage-shop-items.ts';

/** Helpers of the shop's tests: players with coins and accounts, items, and jobs as the queue runs them. */

export async function buyer(
  tandem: TestTandem,
  coins: number,
  accounts: { discord?: string; telegram?: string } = {},
): Promise<string> {
  const playerId = await tandem.createPlayer();
  for (const [platform, platformUserId] of Object.entries(accounts)) {
    await tandem.db.prisma.identity.create({
      data: { playerId, platform: platform as 'telegram' | 'discord', platformUserId },
    });
  }
  if (coins > 0) {
    await tandem.engine.record({
      key: `admin-grant-1-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: coins,
      reason: 'grant',
    });
  }
  return playerId;
}

export async function item(tandem: TestTandem, input: Partial<CreateShopItemInput> = {}): Promise<number> {
  const created = await createShopItem(tandem, { name: 'Gift', kind: 'custom', price: 100, ...input });
  return created.id;
}

/** A platform-queue job as the worker hands it over: `attemptsMade` attempts already failed. */
export function shopJob(name: 'shop-grant' | 'shop-revoke', purchaseId: string, attemptsMade = 0): Job {
  return { name, data: { purchaseId }, attemptsMade, opts: { attempts: 3 } } as unknown as Job;
}

export async function balanceOf(tandem: TestTandem, playerId: string): Promise<number> {
  return (await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
}

export async function statusOf(tandem: TestTandem, purchaseId: string): Promise<string> {
  return (await tandem.db.prisma.shopPurchase.findUniqueOrThrow({ where: { id: purchaseId } })).status;
}
