import type { Services } from '../runtime/services.ts';
import { type CreateShopItemInput, createShopItem } from '../shop/manage-shop-items.ts';
import { saveTransferSettings } from '../transfers/transfer-settings.ts';
import type { SandboxShopRoles } from './sandbox-shop-roles.ts';
import { saveOnce } from './save-once.ts';

/** What the first start of a sandbox community put in its shop and transfer settings. */
export interface SeededSandboxShop {
  /** The transfer limits were saved: no account age needed, so a fresh player can /pay at once. */
  transfers: boolean;
  /** The shop's items were created. */
  shop: boolean;
}

/**
 * Transfer limits for the sandbox: the default daily limit, but no minimum account age. Every
 * sandbox player is minutes old, and the default 7 days would refuse each of them /pay.
 */
export const sandboxTransferSettings = { dailyLimit: 1000, minAccountAgeDays: 0 };

/**
 * Items a sandbox player can buy after a /daily (50 coins) or two: a Discord role for a week, one
 * for good, and a custom item an admin hands over. Without the shop's Discord roles (a demo world
 * that has none), only the custom item.
 */
export function sandboxShopItems(roles: SandboxShopRoles | undefined): CreateShopItemInput[] {
  const custom: CreateShopItemInput = {
    name: 'Shout-out in #general',
    description: 'An admin thanks you by name in #general.',
    kind: 'custom',
    price: 40,
    stock: 10,
    perPlayerLimit: 1,
  };
  if (!roles) return [custom];
  return [
    {
      name: 'Supporter',
      description: 'The Supporter role on the Discord server for 7 days.',
      kind: 'discord_role',
      price: 50,
      discordRoleId: roles.supporter,
      durationDays: 7,
    },
    custom,
    {
      name: 'Night Owl',
      description: 'A Night Owl role on the Discord server, for good.',
      kind: 'discord_role',
      price: 150,
      discordRoleId: roles.nightOwl,
      perPlayerLimit: 1,
    },
  ];
}

/**
 * The sandbox's shop and transfer limits, set up the first time a sandbox community starts. The
 * transfer settings are saved as "never saved before" (version 0), and the items come with that first
 * save only: limits an admin saved since are kept, and items an admin deleted do not come back.
 * Created through the shop's own save, as the panel creates them.
 */
export async function seedSandboxShop(
  services: Services,
  roles: SandboxShopRoles | undefined,
): Promise<SeededSandboxShop> {
  const transfers = await saveOnce(() =>
    saveTransferSettings(services, { value: sandboxTransferSettings, expectedVersion: 0 }),
  );
  const shop = transfers && (await services.db.prisma.shopItem.count()) === 0;
  if (shop) {
    for (const item of sandboxShopItems(roles)) await createShopItem(services, item);
  }
  return { transfers, shop };
}
