import express, { type Router } from 'express';
import { z } from 'zod';
import { bigintIdText, storedText } from '../../core/postgres-values.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { eventSources, eventTypes } from '../../ledger/event-schemas.ts';
import type { AdminApiDeps } from '../deps.ts';
import { between, filterSchema, flag, inList, instant, oneOrMany, uuidValue } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { bigintParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** The ledger: read-only here as everywhere (rows are appended by the engine, never edited). */

const ledgerFilter = filterSchema({
  id: oneOrMany(bigintIdText),
  playerId: oneOrMany(uuidValue),
  source: oneOrMany(z.enum(eventSources, { message: `must be one of ${eventSources.join(', ')}` })),
  type: oneOrMany(z.enum(eventTypes, { message: `must be one of ${eventTypes.join(', ')}` })),
  reason: oneOrMany(storedText().trim().min(1).max(64)),
  createdAt_gte: instant,
  createdAt_lte: instant,
  /** Rows that take XP or coins away (corrections, payout holds). */
  debit: flag,
  /** The rows of one shop purchase (its hold, its refund) or one transfer (both sides). */
  purchaseId: uuidValue.optional(),
  transferId: uuidValue.optional(),
});

export const ledgerList: ListSpec<z.output<typeof ledgerFilter>> = {
  sortable: {
    id: 'id',
    createdAt: 'createdAt',
    playerId: 'playerId',
    playerName: 'player.displayName',
    type: 'type',
    source: 'source',
    reason: 'reason',
    xpDelta: 'xpDelta',
    coinDelta: 'coinDelta',
  },
  defaultSort: { field: 'id', order: 'desc' },
  filter: ledgerFilter,
};

const withPlayerName = { player: { select: { displayName: true } } } as const;
type LedgerRow = Prisma.LedgerEntryGetPayload<{ include: typeof withPlayerName }>;

/** A ledger row as the panel reads it: the 64-bit id as a string, the player's name alongside. */
export function ledgerRecord(row: LedgerRow) {
  const { player, id, ...rest } = row;
  return { ...rest, id: id.toString(), playerName: player.displayName };
}

function ledgerWhere(filter: z.output<typeof ledgerFilter>): Prisma.LedgerEntryWhereInput {
  return {
    id: inList(filter.id?.map((id) => BigInt(id))),
    playerId: inList(filter.playerId),
    source: inList(filter.source),
    type: inList(filter.type),
    reason: inList(filter.reason),
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
    ...(filter.debit === undefined
      ? {}
      : filter.debit
        ? { OR: [{ xpDelta: { lt: 0 } }, { coinDelta: { lt: 0 } }] }
        : { xpDelta: { gte: 0 }, coinDelta: { gte: 0 } }),
    AND: [
      filter.purchaseId ? { metadata: { path: ['purchaseId'], equals: filter.purchaseId } } : {},
      filter.transferId ? { metadata: { path: ['transferId'], equals: filter.transferId } } : {},
    ],
  };
}

/** The last rows of one player, newest first, for the player's page. */
export async function recentLedger(deps: AdminApiDeps, playerId: string, take = 20) {
  const rows = await deps.db.prisma.ledgerEntry.findMany({
    where: { playerId },
    orderBy: { id: 'desc' },
    take,
    include: withPlayerName,
  });
  return rows.map(ledgerRecord);
}

export function createLedgerRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { ledgerEntry } = deps.db.prisma;

  addListRoute(router, 'ledger', ledgerList, async (query) => {
    const where = ledgerWhere(query.filter);
    const [total, rows] = await Promise.all([
      ledgerEntry.count({ where }),
      ledgerEntry.findMany({
        where,
        orderBy: prismaOrderBy(ledgerList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        include: withPlayerName,
      }),
    ]);
    return { total, records: rows.map(ledgerRecord) };
  });

  addRecordRoutes(router, {
    what: 'ledger row',
    parseId: (value) => bigintParam(value, 'ledger row'),
    find: async (id) => {
      const row = await ledgerEntry.findUnique({ where: { id }, include: withPlayerName });
      return row ? ledgerRecord(row) : null;
    },
  });

  return router;
}
