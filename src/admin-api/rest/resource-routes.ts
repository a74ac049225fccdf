import type { Request, Router } from 'express';
import { type ListQuery, type ListSpec, parseListQuery } from './list-query.ts';
import { notFound } from './record-id.ts';
import { objectBody, versionOf } from './request-body.ts';
import { type PagePosition, sendList } from './send-list.ts';

/**
 * The routes every react-admin resource has, each unpacking the request and calling one function:
 * the resource file supplies the functions (its reads, and the service calls that validate and
 * version-check the writes).
 */

/** A page of records and where it stands: the total, or (keyset lists) its neighbours. */
export interface ListPage<R> extends Omit<PagePosition, 'skip'> {
  records: R[];
}

/** `GET /` in ra-data-simple-rest's list contract (see `sendList` for pages without a total). */
export function addListRoute<F, R>(
  router: Router,
  resource: string,
  spec: ListSpec<F>,
  list: (query: ListQuery<F>) => Promise<ListPage<R>>,
): void {
  router.get('/', async (req, res) => {
    const query = parseListQuery(req.query, spec);
    const { records, ...position } = await list(query);
    sendList(res, resource, records, { skip: query.skip, ...position });
  });
}

export interface RecordRoutes<Id, R> {
  /** How messages name one record, e.g. `menu button`. */
  what: string;
  /** Reads the id of the URL; one that cannot be an id answers 404. */
  parseId(value: unknown): Id;
  find(id: Id): Promise<R | null>;
  /**
   * Each receives the body as sent (the service behind it validates every field) and the request,
   * for who is acting.
   */
  create?(body: Record<string, unknown>, req: Request): Promise<R>;
  update?(
    id: Id,
    body: Record<string, unknown>,
    expectedVersion: number | undefined,
    req: Request,
  ): Promise<R>;
  remove?(id: Id, expectedVersion: number | undefined, req: Request): Promise<void>;
}

/**
 * `GET /:id`, and the writes the resource has: `POST /` (201 with the record), `PUT /:id` (the
 * body's `version` is the one the admin opened: a stale one is a 409) and `DELETE /:id` (optional
 * `?version=`; answers the record as it was, which is what react-admin expects).
 */
export function addRecordRoutes<Id, R>(router: Router, routes: RecordRoutes<Id, R>): void {
  const { what } = routes;
  router.get('/:id', async (req, res) => {
    const id = routes.parseId(req.params.id);
    const record = await routes.find(id);
    if (!record) throw notFound(what, String(id));
    res.json(record);
  });
  const { create, update, remove } = routes;
  if (create) {
    router.post('/', async (req, res) => {
      res.status(201).json(await create(objectBody(req), req));
    });
  }
  if (update) {
    router.put('/:id', async (req, res) => {
      const id = routes.parseId(req.params.id);
      const body = objectBody(req);
      res.json(await update(id, body, versionOf(body), req));
    });
  }
  if (remove) {
    router.delete('/:id', async (req, res) => {
      const id = routes.parseId(req.params.id);
      const record = await routes.find(id);
      if (!record) throw notFound(what, String(id));
      await remove(id, versionOf(req.query), req);
      res.json(record);
    });
  }
}
