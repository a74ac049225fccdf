import { z } from 'zod';
import { TandemError } from '../core/errors.ts';

/**
 * Idempotency keys name one change once, forever: `<source>-<action>-<entity>-<player>`, e.g.
 * `tg-game-8f3a-<playerId>`. They are also BullMQ job ids, which may not contain `:` nor be all
 * digits, so keys are limited to letters, digits, `_`, `.` and `-`.
 */
export const idempotencyKeyPattern = /^[A-Za-z0-9_.-]{1,200}$/;

export const idempotencyKeySchema = z
  .string()
  .regex(idempotencyKeyPattern, '1-200 letters, digits, "_", "." or "-" (no ":")')
  .refine((key) => !/^\d+$/.test(key), 'cannot be all digits (BullMQ treats those as its own ids)');

export const keySources = { telegram: 'tg', discord: 'dc', admin: 'admin', system: 'sys' } as const;
export type KeySource = keyof typeof keySources;

export class InvalidKeyPartError extends TandemError {
  override name = 'InvalidKeyPartError';
  constructor(message: string) {
    super('internal', message);
  }
}

const partPattern = /^[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*$/;

/**
 * Builds the key of one change. Parts are checked, not cleaned: silently rewriting an entity id could
 * make two different entities share a key and drop a real change as a duplicate.
 */
export function buildIdempotencyKey(parts: {
  source: KeySource;
  action: string;
  entity: string | number;
  playerId: string;
}): string {
  const values = [keySources[parts.source], parts.action, String(parts.entity), parts.playerId];
  for (const value of values) {
    if (!partPattern.test(value)) {
      throw new InvalidKeyPartError(`Key part "${value}" may only hold letters, digits, "_", "." and "-"`);
    }
  }
  const key = values.join('-');
  const parsed = idempotencyKeySchema.safeParse(key);
  if (!parsed.success)
    throw new InvalidKeyPartError(`Key ${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return key;
}

export function isValidIdempotencyKey(key: string): boolean {
  return idempotencyKeySchema.safeParse(key).success;
}
