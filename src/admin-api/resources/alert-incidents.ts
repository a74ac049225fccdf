import express, { type Router } from 'express';
import type { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AdminApiDeps } from '../deps.ts';
import { filterSchema, flag, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { uuidParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/**
 * The pager's incidents (src/alerts), newest first, with who was paged about each: read-only, written
 * by the evaluator. Announced as `alert_incidents`, so the Alerts page follows them live.
 */
const incidentFilter = filterSchema({
  /** Condition key contains. */
  q: searchText,
  /** true: still open; false: resolved. */
  open: flag,
});

export const alertIncidentList: ListSpec<z.output<typeof incidentFilter>> = {
  sortable: { startedAt: 'startedAt', resolvedAt: 'resolvedAt', conditionKey: 'conditionKey' },
  defaultSort: { field: 'startedAt', order: 'desc' },
  filter: incidentFilter,
};

const withPages = {
  pages: { include: { admin: { select: { username: true } } }, orderBy: { id: 'asc' } },
} satisfies Prisma.AlertIncidentInclude;

type IncidentRow = Prisma.AlertIncidentGetPayload<{ include: typeof withPages }>;

export function alertIncidentRecord(row: IncidentRow, now = Date.now()) {
  const details = (row.details ?? {}) as Record<string, unknown>;
  const end = row.resolvedAt?.getTime() ?? now;
  return {
    id: row.id,
    conditionKey: row.conditionKey,
    kind: typeof details.kind === 'string' ? details.kind : null,
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    /** Open incidents: so far. */
    durationSeconds: Math.max(0, Math.round((end - row.startedAt.getTime()) / 1000)),
    details,
    paged: row.pages.map((page) => ({
      admin: page.admin.username,
      platform: page.platform,
      kind: page.kind,
      folded: page.folded,
      at: page.createdAt.toISOString(),
    })),
  };
}

function incidentWhere(filter: z.output<typeof incidentFilter>): Prisma.AlertIncidentWhereInput {
  return {
    ...(filter.q ? { conditionKey: { contains: filter.q, mode: 'insensitive' } } : {}),
    ...(filter.open === undefined ? {} : { resolvedAt: filter.open ? null : { not: null } }),
  };
}

export function createAlertIncidentsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { alertIncident } = deps.db.prisma;

  addListRoute(router, 'alert_incidents', alertIncidentList, async (query) => {
    const where = incidentWhere(query.filter);
    const [total, rows] = await Promise.all([
      alertIncident.count({ where }),
      alertIncident.findMany({
        where,
        include: withPages,
        orderBy: prismaOrderBy(alertIncidentList.sortable, query.sort, 'id'),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records: rows.map((row) => alertIncidentRecord(row)) };
  });

  addRecordRoutes(router, {
    what: 'incident',
    parseId: (value) => uuidParam(value, 'incident'),
    find: async (id) => {
      const row = await alertIncident.findUnique({ where: { id }, include: withPages });
      return row ? alertIncidentRecord(row) : null;
    },
  });
  return router;
}
