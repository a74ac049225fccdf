import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { eventSources, eventTypes } from '../../ledger/event-schemas.ts';
import {
  type RetryOutcome,
  retryFailedEvent,
  retryFailedEvents,
} from '../../sync/maintenance/retry-failed-events.ts';
import { syncStatuses } from '../../sync/stats.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import {
  between,
  containing,
  filterSchema,
  inList,
  instant,
  oneOrMany,
  searchText,
  uuidValue,
} from '../rest/filters.ts';
import { keysetPage } from '../rest/keyset-page.ts';
import { type KeysetSpec, type ListSpec, maxPageSize } from '../rest/list-query.ts';
import { notFound, uuidParam } from '../rest/record-id.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/** The outbox as operators watch it: every event, its status and error; failed ones can be retried. */

const eventFilter = filterSchema({
  id: oneOrMany(uuidValue),
  status: oneOrMany(z.enum(syncStatuses, { message: `must be one of ${syncStatuses.join(', ')}` })),
  type: oneOrMany(z.enum(eventTypes, { message: `must be one of ${eventTypes.join(', ')}` })),
  source: oneOrMany(z.enum(eventSources, { message: `must be one of ${eventSources.join(', ')}` })),
  playerId: oneOrMany(uuidValue),
  createdAt_gte: instant,
  createdAt_lte: instant,
  /**
   * An idempotency key (exact), or part of an error message. Only events that failed at least once
   * carry a message, and a partial index holds just those, so the search never reads the
   * completed millions.
   */
  q: searchText,
});

/**
 * Sorted by time only: (created_at, id) orders the whole outbox, and each filter's own index
 * ((status|type|source|player_id, created_at)) orders its rows. Status, type and source are
 * filters; attempts and the other times would need an index each on the busiest table.
 */
export const syncEventList: ListSpec<z.output<typeof eventFilter>> & { keyset: KeysetSpec } = {
  sortable: { createdAt: 'createdAt' },
  defaultSort: { field: 'createdAt', order: 'desc' },
  filter: eventFilter,
  keyset: { keys: { createdAt: 'instant' }, id: 'uuid' },
};

const withPlayerName = { player: { select: { displayName: true } } } as const;
type EventRow = Prisma.SyncEventGetPayload<{ include: typeof withPlayerName }>;

function eventRecord({ player, ...event }: EventRow) {
  return { ...event, playerName: player.displayName };
}

function eventWhere(filter: z.output<typeof eventFilter>): Prisma.SyncEventWhereInput {
  return {
    id: inList(filter.id),
    status: inList(filter.status),
    type: inList(filter.type),
    source: inList(filter.source),
    playerId: inList(filter.playerId),
    createdAt: between(filter.createdAt_gte, filter.createdAt_lte),
    ...(filter.q
      ? {
          OR: [{ idempotencyKey: filter.q }, { errorMessage: { not: null, ...containing(filter.q) } }],
        }
      : {}),
  };
}

const bulkRetryBody = z.object({
  ids: z
    .array(uuidValue, { message: 'must be a list of event ids' })
    .min(1, 'choose at least one event')
    .max(maxPageSize, `at most ${maxPageSize} at once`),
});

/** How a retry went, for the panel: what was retried, and why the others were not. */
function retryAnswer(outcome: RetryOutcome) {
  if (outcome.retried) return { id: outcome.eventId, retried: true, job: outcome.job };
  const reason =
    outcome.status === null
      ? 'no such event'
      : outcome.status === 'completed'
        ? 'completed: nothing to retry'
        : `${outcome.status}: it is already queued`;
  return { id: outcome.eventId, retried: false, status: outcome.status, reason };
}

export function createSyncEventsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { syncEvent } = deps.db.prisma;
  const find = async (id: string) => {
    const row = await syncEvent.findUnique({ where: { id }, include: withPlayerName });
    return row ? eventRecord(row) : null;
  };

  addListRoute(router, 'sync_events', syncEventList, async (query) => {
    const { rows, ...position } = await keysetPage(syncEventList, query, eventWhere(query.filter), {
      find: (args) => syncEvent.findMany({ ...args, include: withPlayerName }),
      ids: (args) => syncEvent.findMany({ ...args, select: { id: true } }),
    });
    return { ...position, records: rows.map(eventRecord) };
  });

  // Bulk first: `/retry` is not an event id.
  router.post('/retry', async (req, res) => {
    const { ids } = parseInput(bulkRetryBody, req.body ?? {}, 'retry');
    const outcomes = await retryFailedEvents(auditedDeps(deps, req, 'retry'), ids);
    res.json({
      retried: outcomes.filter((o) => o.retried).map((o) => o.eventId),
      results: outcomes.map(retryAnswer),
    });
  });

  router.post('/:id/retry', async (req, res) => {
    const id = uuidParam(req.params.id, 'sync event');
    const outcome = await retryFailedEvent(auditedDeps(deps, req, 'retry'), id);
    if (!outcome.retried && outcome.status === null) throw notFound('sync event', id);
    if (!outcome.retried) {
      throw new HttpError(
        409,
        `This event is ${retryAnswer(outcome).reason}; only failed events can be retried.`,
      );
    }
    res.json({ ...retryAnswer(outcome), data: await find(id) });
  });

  addRecordRoutes(router, {
    what: 'sync event',
    parseId: (value) => uuidParam(value, 'sync event'),
    find,
  });

  return router;
}
