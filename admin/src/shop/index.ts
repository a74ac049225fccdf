import ShoppingBagIcon from '@mui/icons-material/ShoppingBag';
import StorefrontIcon from '@mui/icons-material/Storefront';
import type { ResourceProps } from 'react-admin';
import { PurchaseList } from './PurchaseList.tsx';
import { PurchaseShow } from './PurchaseShow.tsx';
import { ShopItemList } from './ShopItemList.tsx';
import { ShopItemCreate, ShopItemEdit } from './ShopItemPages.tsx';

/** The shop's items (no delete: an item with purchases is taken off sale instead). */
export const shopItems: ResourceProps = {
  name: 'shop_items',
  icon: StorefrontIcon,
  list: ShopItemList,
  edit: ShopItemEdit,
  create: ShopItemCreate,
  options: { label: 'tandem.shop.items' },
  recordRepresentation: 'name',
};

/** What players bought: read, fulfilled or refunded. */
export const shopPurchases: ResourceProps = {
  name: 'shop_purchases',
  icon: ShoppingBagIcon,
  list: PurchaseList,
  show: PurchaseShow,
  options: { label: 'tandem.shop.purchases' },
  recordRepresentation: (purchase) => `${purchase.itemName ?? ''} · ${purchase.playerName ?? ''}`,
};
