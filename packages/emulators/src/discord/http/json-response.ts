import type { Response } from 'express';

/**
 * Sends `body` as Discord's API does: `Content-Type: application/json`, with no charset
 * parameter. Express's `res.json()` would add `; charset=utf-8`, and clients that compare the
 * header exactly (Oceanic, eris) would then take every answer for a binary file and fail at login.
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}
