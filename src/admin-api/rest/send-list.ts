import type { Response } from 'express';

/**
 * Answers a list in ra-data-simple-rest's contract: the rows as a JSON array and the total in
 * `Content-Range: <resource> <first>-<last>/<total>` (react-admin reads the number after the `/`).
 * The API is served from the panel's own origin, so no CORS header is needed to expose it.
 */
export function sendList(
  res: Response,
  resource: string,
  page: { skip: number; records: unknown[]; total: number },
): void {
  const { skip, records, total } = page;
  const rows = records.length === 0 ? '*' : `${skip}-${skip + records.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${rows}/${total}`);
  res.json(records);
}
