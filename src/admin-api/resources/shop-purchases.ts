import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { storedText } from '../../core/postgres-values.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { fulfilPurchase, refundPurchase } from '../../shop/settle-purchase.ts';
import { shopItemKinds } from '../../shop/shop-item.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { between, filterSchema, inList, instant, intValue, oneOrMany, uuidValue } from '../rest/filters.ts';
import { keysetPage } from '../rest/keyset-page.ts';
import type { KeysetSpec, ListSpec } from '../rest/list-query.ts';
import { uuidParam } from '../rest/record-id.ts';
import { versionField } from '../rest/request-body.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';
import { actingAdminName } from './acting-admin.ts';

/**
 * Shop purchases: read, and settled by hand through shop/settle-purchase. Fulfilling posts the
 * ledger hold (custom items, or a grant a bot could not make); refunding voids it and gives the
 * coins back. A purchase is settled once.
 */

const purchaseStatuses = ['pending', 'granted', 'failed', 'refunded', 'expired'] as const;

const purchaseFilter = filterSchema({
  id: oneOrMany(uuidValue),
  status: oneOrMany(z.enum(purchaseStatuses, { message: `must be one of ${purchaseStatuses.join(', ')}` })),
  kind: oneOrMany(z.enum(shopItemKinds, { message: `must be one of ${shopItemKinds.join(', ')}` })),
  playerId: oneOrMany(uuidValue),
  itemId: oneOrMany(intValue),
  createdAt_gte: instant,
  createdAt_lte: instant,
});

/**
 * Purchases grow with the community's spending, so they page by key on time, the order
 * (created_at, id) and the status and player indexes serve; price, names and expiry are not sorted.
 */
export const purchaseList: ListSpec<z.output<typeof purchaseFilter>> & { keyset: KeysetSpec } = {
  sortable: { id: 'id', createdAt: 'createdAt' },
  // Oldest first: the queue of purchases waiting for an admin.
  defaultSort: { field: 'createdAt', order: 'asc' },
  filter: purchaseFilter,
  keyset: { keys: { id: 'uuid', createdAt: 'instant' }, id: 'uuid' },
};

const withNames = {
  player: { select: { displayName: true } },
  item: { select: { name: true } },
  hold: { select: { settlement: { select: { outcome: true } } } },
} as const;
type PurchaseRow = Prisma.ShopPurchaseGetPayload<{ include: typeof withNames }>;

/**
 * A purchase for the panel; the request key stays internal. `holdState` is the ledger's answer for
 * its coins: pending (held), posted (spent) or voided (given back).
 */
function purchaseRecord({ player, item, requestKey: _key, hold, holdId, ...purchase }: PurchaseRow) {
  return {
    ...purchase,
    playerName: player.displayName,
    itemName: item.name,
    holdId: holdId?.toString() ?? null,
    holdState: hold ? (hold.settlement?.outcome ?? 'pending') : null,
  };
}

function purchaseWhere(filter: z.output<typeof purchaseFilter>): Prisma.ShopPurchaseWhereInput {
  return {
    id: inList(filter.id),
    status: inList(filter.status),
    kind: inList(filter.kind),
    playerId: inList(filter.playerId),
    itemId: inList(filter.itemId),
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
  };
}

const fulfilBody = z.object({ version: versionField });
const refundBody = z.object({
  version: versionField,
  /** Why, in a sentence the buyer reads. */
  note: storedText('must be text').trim().max(500, 'at most 500 characters').optional(),
});

export function createShopPurchasesRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { shopPurchase } = deps.db.prisma;
  const find = async (id: string) => {
    const row = await shopPurchase.findUnique({ where: { id }, include: withNames });
    return row ? purchaseRecord(row) : null;
  };

  addListRoute(router, 'shop_purchases', purchaseList, async (query) => {
    const { rows, ...position } = await keysetPage(purchaseList, query, purchaseWhere(query.filter), {
      find: (args) => shopPurchase.findMany({ ...args, include: withNames }),
      ids: (args) => shopPurchase.findMany({ ...args, select: { id: true } }),
    });
    return { ...position, records: rows.map(purchaseRecord) };
  });

  router.post('/:id/fulfil', async (req, res) => {
    const purchaseId = uuidParam(req.params.id, 'purchase');
    const { version } = parseInput(fulfilBody, req.body ?? {}, 'fulfilment');
    await fulfilPurchase(auditedDeps(deps, req, 'fulfil'), {
      purchaseId,
      adminId: actingAdminName(req),
      expectedVersion: version,
    });
    res.json({ data: await find(purchaseId) });
  });

  router.post('/:id/refund', async (req, res) => {
    const purchaseId = uuidParam(req.params.id, 'purchase');
    const { version, note } = parseInput(refundBody, req.body ?? {}, 'refund');
    await refundPurchase(auditedDeps(deps, req, 'refund'), {
      purchaseId,
      adminId: actingAdminName(req),
      expectedVersion: version,
      reason: note,
    });
    res.json({ data: await find(purchaseId) });
  });

  addRecordRoutes(router, {
    what: 'purchase',
    parseId: (value) => uuidParam(value, 'purchase'),
    find,
  });

  return router;
}
