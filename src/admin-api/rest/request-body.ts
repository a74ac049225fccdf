import type { Request } from 'express';
import { z } from 'zod';
import { parseInput } from '../../core/parse-input.ts';

/** A JSON object body (the services validate its fields); anything else is a 400. */
export function objectBody(req: Request): Record<string, unknown> {
  return parseInput(z.record(z.string(), z.unknown()), req.body ?? {}, 'request');
}

/**
 * The version the admin opened the record at, from a PUT body (react-admin sends the whole record)
 * or a DELETE's `?version=`: the service refuses the write if the record moved on since.
 */
export const versionField = z
  .number({ message: 'must be the version number you opened' })
  .int('must be a whole number')
  .positive('must be a positive version number')
  .optional();

export function versionOf(source: unknown): number | undefined {
  const raw = (source as { version?: unknown } | undefined)?.version;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  return parseInput(z.object({ version: versionField }), { version: value }, 'request').version;
}
