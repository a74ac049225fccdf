export type EntityKind =
  | 'user'
  | 'application'
  | 'guild'
  | 'role'
  | 'channel'
  | 'member'
  | 'message'
  | 'command'
  | 'interaction'
  | 'webhook';

/** A lookup in the world found nothing; REST answers it with Discord's "Unknown ..." code. */
export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
  constructor(
    readonly kind: EntityKind,
    readonly id: string,
  ) {
    super(`Unknown ${kind} ${id}`);
  }
}

export function isUnknownEntityError(error: unknown): error is UnknownEntityError {
  return error instanceof UnknownEntityError;
}
