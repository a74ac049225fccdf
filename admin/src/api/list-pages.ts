import type { GetListResult, RaRecord, SortPayload } from 'react-admin';
import { apiUrl, httpClient } from './http.ts';

/**
 * Lists in ra-data-simple-rest's dialect, with the API's keyset paging on the lists that grow with
 * activity (ledger, sync events, players, purchases, audit). Such a list answers
 * `Content-Range: <resource> 0-24/*` without a total past a few pages, plus `X-Has-Next-Page`,
 * `X-Has-Previous-Page` and the cursors of its neighbour pages: this returns react-admin's
 * `pageInfo` then, and remembers the cursors so "next" and "previous" open the neighbour by key
 * (a page deep in the history costs what the first one does). A page with no cursor known (page 1,
 * a page size change, a reload deep in the list) is asked for by range, as before.
 */

interface ListRequest {
  pagination?: { page: number; perPage: number };
  sort?: SortPayload;
  filter?: Record<string, unknown>;
  signal?: AbortSignal;
}

type PageCursor = { after: string } | { before: string };

/** How many list views keep their cursors: the oldest view is forgotten past this. @defaultValue 50 */
const viewsRemembered = 50;
const cursorsByView = new Map<string, Map<number, PageCursor>>();

function cursorsOf(view: string): Map<number, PageCursor> {
  let pages = cursorsByView.get(view);
  if (pages) {
    // Most recently used last, so the first key is the one to forget.
    cursorsByView.delete(view);
  } else {
    pages = new Map();
  }
  cursorsByView.set(view, pages);
  for (const oldest of cursorsByView.keys()) {
    if (cursorsByView.size <= viewsRemembered) break;
    cursorsByView.delete(oldest);
  }
  return pages;
}

export async function fetchListPage<R extends RaRecord = RaRecord>(
  resource: string,
  params: ListRequest,
): Promise<GetListResult<R>> {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  const filter = params.filter ?? {};
  const first = (page - 1) * perPage;
  const query = new URLSearchParams({
    sort: JSON.stringify([field, order]),
    range: JSON.stringify([first, first + perPage - 1]),
    filter: JSON.stringify(filter),
  });
  // One view of a list: its cursors are only valid for this sort, filter and page size.
  const pages = cursorsOf(JSON.stringify([resource, field, order, filter, perPage]));
  const cursor = page > 1 ? pages.get(page) : undefined;
  if (cursor && 'after' in cursor) query.set('after', cursor.after);
  if (cursor && 'before' in cursor) query.set('before', cursor.before);

  const { headers, json } = await httpClient(`${apiUrl}/${resource}?${query}`, { signal: params.signal });
  const range = headers.get('content-range');
  if (!range) throw new Error(`The ${resource} list answered without a Content-Range header.`);
  const next = headers.get('x-next-cursor');
  const previous = headers.get('x-previous-cursor');
  if (next) pages.set(page + 1, { after: next });
  if (previous && page > 1) pages.set(page - 1, { before: previous });

  const total = range.split('/').pop();
  if (total !== '*') return { data: json, total: Number.parseInt(total ?? '', 10) };
  return {
    data: json,
    pageInfo: {
      hasNextPage: headers.get('x-has-next-page') === 'true',
      hasPreviousPage: headers.get('x-has-previous-page') === 'true' || page > 1,
    },
  };
}
