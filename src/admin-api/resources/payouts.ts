import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import { storedText } from '../../core/postgres-values.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { approvePayout, declinePayout } from '../../payouts/decide-payout.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { between, filterSchema, inList, instant, intValue, oneOrMany, uuidValue } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { uuidParam } from '../rest/record-id.ts';
import { versionField } from '../rest/request-body.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';
import { actingAdminName } from './acting-admin.ts';

/**
 * Payouts: read, and decided through payouts/decide-payout. Approving posts the ledger hold;
 * declining voids it with a refund through the engine. A decision is taken once.
 */

const payoutStatuses = ['held', 'approved', 'declined'] as const;

const payoutFilter = filterSchema({
  id: oneOrMany(uuidValue),
  status: oneOrMany(z.enum(payoutStatuses, { message: `must be one of ${payoutStatuses.join(', ')}` })),
  playerId: oneOrMany(uuidValue),
  amount_gte: intValue.optional(),
  amount_lte: intValue.optional(),
  createdAt_gte: instant,
  createdAt_lte: instant,
});

export const payoutList: ListSpec<z.output<typeof payoutFilter>> = {
  sortable: {
    id: 'id',
    createdAt: 'createdAt',
    decidedAt: 'decidedAt',
    amount: 'amount',
    status: 'status',
    playerName: 'player.displayName',
  },
  // Oldest first: the queue of holds waiting for a decision.
  defaultSort: { field: 'createdAt', order: 'asc' },
  filter: payoutFilter,
};

const withPlayerName = {
  player: { select: { displayName: true } },
  hold: { select: { settlement: { select: { outcome: true } } } },
} as const;
type PayoutRow = Prisma.PayoutGetPayload<{ include: typeof withPlayerName }>;

/**
 * A payout for the panel; the request key stays internal (it only makes requests idempotent).
 * `holdState` is the ledger's answer for its coins: pending (held), posted (paid) or voided (given back).
 */
function payoutRecord({ player, requestKey: _key, hold, holdId, ...payout }: PayoutRow) {
  return {
    ...payout,
    playerName: player.displayName,
    holdId: holdId?.toString() ?? null,
    holdState: hold ? (hold.settlement?.outcome ?? 'pending') : null,
  };
}

function payoutWhere(filter: z.output<typeof payoutFilter>): Prisma.PayoutWhereInput {
  return {
    id: inList(filter.id),
    status: inList(filter.status),
    playerId: inList(filter.playerId),
    amount: between(filter.amount_gte, filter.amount_lte),
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
  };
}

const approvalBody = z.object({ version: versionField });
const declineBody = z.object({
  version: versionField,
  note: storedText('say why: the player is told')
    .trim()
    .min(1, 'say why: the player is told')
    .max(500, 'at most 500 characters'),
});

export function createPayoutsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { payout } = deps.db.prisma;
  const find = async (id: string) => {
    const row = await payout.findUnique({ where: { id }, include: withPlayerName });
    return row ? payoutRecord(row) : null;
  };

  addListRoute(router, 'payouts', payoutList, async (query) => {
    const where = payoutWhere(query.filter);
    const [total, rows] = await Promise.all([
      payout.count({ where }),
      payout.findMany({
        where,
        orderBy: prismaOrderBy(payoutList.sortable, query.sort),
        skip: query.skip,
        take: query.take,
        include: withPlayerName,
      }),
    ]);
    return { total, records: rows.map(payoutRecord) };
  });

  router.post('/:id/approve', async (req, res) => {
    const payoutId = uuidParam(req.params.id, 'payout');
    const { version } = parseInput(approvalBody, req.body ?? {}, 'approval');
    await approvePayout(auditedDeps(deps, req, 'approve'), {
      payoutId,
      adminId: actingAdminName(req),
      expectedVersion: version,
    });
    res.json({ data: await find(payoutId) });
  });

  router.post('/:id/decline', async (req, res) => {
    const payoutId = uuidParam(req.params.id, 'payout');
    const { version, note } = parseInput(declineBody, req.body ?? {}, 'decline');
    const { balance } = await declinePayout(auditedDeps(deps, req, 'decline'), {
      payoutId,
      adminId: actingAdminName(req),
      expectedVersion: version,
      reason: note,
    });
    res.json({ data: await find(payoutId), balance });
  });

  addRecordRoutes(router, {
    what: 'payout',
    parseId: (value) => uuidParam(value, 'payout'),
    find,
  });

  return router;
}
