import express, { type Router } from 'express';
import { z } from 'zod';
import { bigintIdText, storedText } from '../../core/postgres-values.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { eventSources, eventTypes } from '../../ledger/event-schemas.ts';
import type { AdminApiDeps } from '../deps.ts';
import { between, filterSchema, flag, inList, instant, oneOrMany, uuidValue } from '../rest/filters.ts';
import { keysetPage } from '../rest/keyset-page.ts';
import type { KeysetSpec, ListSpec } from '../rest/list-query.ts';
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
}).superRefine((filter, ctx) => {
  // Sources and types have a handful of values each: an index on them would be as big as the
  // ledger and taxed by every message. Within one player the (player_id, …) indexes find the rows.
  if (filter.playerId !== undefined) return;
  for (const field of ['source', 'type'] as const) {
    if (filter[field] === undefined) continue;
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `filter by ${field} within one player (add playerId); across the whole ledger, filter by reason, debits, time, purchase or transfer`,
    });
  }
});

/**
 * Sorted by time only: (created_at) orders the ledger, (player_id, created_at) one player's rows,
 * and the filters that pick out few rows among the message and voice millions (a reason, debits,
 * a purchase, a transfer) each have a partial index holding just those rows, so a filtered page is
 * an index range too. Ties are broken by id, which follows time. The ledger takes a row per
 * message: an index per sortable column would tax every write for a sort nobody needs.
 */
export const ledgerList: ListSpec<z.output<typeof ledgerFilter>> & { keyset: KeysetSpec } = {
  sortable: { createdAt: 'createdAt' },
  defaultSort: { field: 'createdAt', order: 'desc' },
  filter: ledgerFilter,
  keyset: { keys: { createdAt: 'instant' }, id: 'bigint' },
};

const withPlayerName = { player: { select: { displayName: true } } } as const;
type LedgerRow = Prisma.LedgerEntryGetPayload<{ include: typeof withPlayerName }>;

/** A ledger row as the panel reads it: the 64-bit id as a string, the player's name alongside. */
export function ledgerRecord(row: LedgerRow) {
  const { player, id, ...rest } = row;
  return { ...rest, id: id.toString(), playerName: player.displayName };
}

/**
 * The rows of one purchase or transfer: found through the partial indexes on those metadata keys
 * (only shop and transfer rows carry them, so the indexes cost the message rows nothing). The key
 * test is written out so the planner can match the indexes' predicates.
 */
const rowsOfPurchaseSql = `
SELECT id FROM ledger_entries WHERE metadata ? 'purchaseId' AND metadata->>'purchaseId' = $1 LIMIT 1000`;
const rowsOfTransferSql = `
SELECT id FROM ledger_entries WHERE metadata ? 'transferId' AND metadata->>'transferId' = $1 LIMIT 1000`;

async function rowsCarrying(deps: AdminApiDeps, sql: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const { rows } = await deps.db.pool.query<{ id: string }>(sql, [value]);
  return rows.map((row) => BigInt(row.id));
}

async function ledgerWhere(
  deps: AdminApiDeps,
  filter: z.output<typeof ledgerFilter>,
): Promise<Prisma.LedgerEntryWhereInput> {
  const [ofPurchase, ofTransfer] = await Promise.all([
    rowsCarrying(deps, rowsOfPurchaseSql, filter.purchaseId),
    rowsCarrying(deps, rowsOfTransferSql, filter.transferId),
  ]);
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
    AND: [ofPurchase ? { id: { in: ofPurchase } } : {}, ofTransfer ? { id: { in: ofTransfer } } : {}],
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
    const where = await ledgerWhere(deps, query.filter);
    const { rows, ...position } = await keysetPage(ledgerList, query, where, {
      find: (args) => ledgerEntry.findMany({ ...args, include: withPlayerName }),
      ids: (args) => ledgerEntry.findMany({ ...args, select: { id: true } }),
    });
    return { ...position, records: rows.map(ledgerRecord) };
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
