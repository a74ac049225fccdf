import express, { type Router } from 'express';
import type { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AdminApiDeps } from '../deps.ts';
import { between, filterSchema, flag, inList, instant, oneOrMany, uuidValue } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { uuidParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** What each platform last reflected per player, and what reconcile found: read-only, id = player id. */

const stateFilter = filterSchema({
  id: oneOrMany(uuidValue),
  /** Players reconcile reported an error for. */
  hasError: flag,
  lastReconcileAt_gte: instant,
  lastReconcileAt_lte: instant,
});

export const syncStateList: ListSpec<z.output<typeof stateFilter>> = {
  sortable: {
    id: 'playerId',
    playerName: 'player.displayName',
    updatedAt: 'updatedAt',
    lastReconcileAt: 'lastReconcileAt',
    reconcileErrors: 'reconcileErrors',
    lastBalance: 'lastBalance',
  },
  defaultSort: { field: 'updatedAt', order: 'desc' },
  filter: stateFilter,
};

const withPlayerName = { player: { select: { displayName: true } } } as const;
type StateRow = Prisma.SyncStateGetPayload<{ include: typeof withPlayerName }>;

function stateRecord({ player, ...state }: StateRow) {
  return { id: state.playerId, ...state, playerName: player.displayName };
}

function stateWhere(filter: z.output<typeof stateFilter>): Prisma.SyncStateWhereInput {
  return {
    playerId: inList(filter.id),
    lastReconcileAt: between(filter.lastReconcileAt_gte, filter.lastReconcileAt_lte),
    ...(filter.hasError === undefined
      ? {}
      : filter.hasError
        ? { OR: [{ lastError: { not: null } }, { reconcileErrors: { gt: 0 } }] }
        : { lastError: null, reconcileErrors: 0 }),
  };
}

export function createSyncStatesRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { syncState } = deps.db.prisma;

  addListRoute(router, 'sync_states', syncStateList, async (query) => {
    const where = stateWhere(query.filter);
    const [total, rows] = await Promise.all([
      syncState.count({ where }),
      syncState.findMany({
        where,
        // Sync states have no `id` column: the player's id is theirs, and the tie-breaker.
        orderBy: prismaOrderBy(syncStateList.sortable, query.sort, 'playerId'),
        skip: query.skip,
        take: query.take,
        include: withPlayerName,
      }),
    ]);
    return { total, records: rows.map(stateRecord) };
  });

  addRecordRoutes(router, {
    what: 'sync state of player',
    parseId: (value) => uuidParam(value, 'sync state of player'),
    find: async (playerId) => {
      const row = await syncState.findUnique({ where: { playerId }, include: withPlayerName });
      return row ? stateRecord(row) : null;
    },
  });

  return router;
}
