import type { Response } from 'express';

/**
 * How a list answer describes where it stands. A list that knows its total says so; a keyset list
 * past `exactTotalUpTo` rows says only whether there are pages on either side, and gives the
 * cursors that open them.
 */
export interface PagePosition {
  skip: number;
  total?: number;
  hasNextPage?: boolean;
  hasPreviousPage?: boolean;
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * Answers a list in ra-data-simple-rest's contract: the rows as a JSON array and the total in
 * `Content-Range: <resource> <first>-<last>/<total>` (react-admin reads the number after the `/`).
 * Without a total the length is `*` (the HTTP range syntax for "unknown") and
 * `X-Has-Next-Page`/`X-Has-Previous-Page` carry react-admin's `pageInfo`; `X-Next-Cursor` and
 * `X-Previous-Cursor` open the neighbour pages by key. The API is served from the panel's own
 * origin, so no CORS header is needed to expose them.
 */
export function sendList(res: Response, resource: string, records: unknown[], page: PagePosition): void {
  const { skip, total } = page;
  const rows = records.length === 0 ? '*' : `${skip}-${skip + records.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${rows}/${total ?? '*'}`);
  if (page.hasNextPage !== undefined) res.setHeader('X-Has-Next-Page', String(page.hasNextPage));
  if (page.hasPreviousPage !== undefined) res.setHeader('X-Has-Previous-Page', String(page.hasPreviousPage));
  if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
  if (page.previousCursor) res.setHeader('X-Previous-Cursor', page.previousCursor);
  res.json(records);
}
