import express, { type Router } from 'express';
import { z } from 'zod';
import type { Prisma, ShopItem } from '../../generated/prisma/client.ts';
import {
  type CreateShopItemInput,
  createShopItem,
  type UpdateShopItemInput,
  updateShopItem,
} from '../../shop/manage-shop-items.ts';
import { shopItemKinds } from '../../shop/shop-item.ts';
import { writeAsAdmin } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { containing, filterSchema, flag, inList, intValue, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { intParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/**
 * The shop's items: every write through shop/manage-shop-items (validated, versioned, announced).
 * No deletion: an item with purchases keeps them, so an admin takes it off sale (`active: false`).
 */

const shopItemFilter = filterSchema({
  id: oneOrMany(intValue),
  /** Part of the name. */
  q: searchText,
  kind: oneOrMany(z.enum(shopItemKinds, { message: `must be one of ${shopItemKinds.join(', ')}` })),
  active: flag,
});

export const shopItemList: ListSpec<z.output<typeof shopItemFilter>> = {
  sortable: { id: 'id', name: 'name', kind: 'kind', price: 'price', stock: 'stock', active: 'active' },
  defaultSort: { field: 'id', order: 'asc' },
  filter: shopItemFilter,
};

function shopItemWhere(filter: z.output<typeof shopItemFilter>): Prisma.ShopItemWhereInput {
  return {
    id: inList(filter.id),
    name: filter.q ? containing(filter.q) : undefined,
    kind: inList(filter.kind),
    active: filter.active,
  };
}

export function createShopItemsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { shopItem, shopPurchase } = deps.db.prisma;

  /** Items with what they sold: purchases whose coins did not go back. */
  const withSold = async (items: ShopItem[]) => {
    const counts = await shopPurchase.groupBy({
      by: ['itemId'],
      where: { itemId: { in: items.map((i) => i.id) }, status: { notIn: ['failed', 'refunded'] } },
      _count: { _all: true },
    });
    const sold = new Map(counts.map((c) => [c.itemId, c._count._all]));
    return items.map((item) => ({ ...item, sold: sold.get(item.id) ?? 0 }));
  };
  const find = async (id: number) => {
    const item = await shopItem.findUnique({ where: { id } });
    return item ? (await withSold([item]))[0]! : null;
  };

  addListRoute(router, 'shop_items', shopItemList, async (query) => {
    const where = shopItemWhere(query.filter);
    const [total, records] = await Promise.all([
      shopItem.count({ where }),
      shopItem.findMany({
        where,
        orderBy: prismaOrderBy(shopItemList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records: await withSold(records) };
  });

  // Bodies go to the service as sent: its schema validates every field.
  addRecordRoutes(router, {
    what: 'shop item',
    parseId: (value) => intParam(value, 'shop item'),
    find,
    create: async (body, req) => {
      const created = await writeAsAdmin(deps, req, 'create', (d) =>
        createShopItem(d, body as CreateShopItemInput),
      );
      return (await find(created.id))!;
    },
    // The record as read carries `kind`, `sold` and timestamps: the schema keeps only what may change.
    update: async (id, body, expectedVersion, req) => {
      await writeAsAdmin(deps, req, 'update', (d) =>
        updateShopItem(d, { ...(body as UpdateShopItemInput), id, expectedVersion }),
      );
      return (await find(id))!;
    },
  });

  return router;
}
