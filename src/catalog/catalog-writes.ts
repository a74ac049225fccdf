import { z } from 'zod';
import { storedText } from '../core/postgres-values.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import type { CatalogCache } from './catalog.ts';

/** What editing the rank table and achievements works with; a process's Services has all of it. */
export interface CatalogWriteDeps extends AdminWriteDeps {
  catalog: Pick<CatalogCache, 'invalidate'>;
}

/**
 * A Discord role id (a snowflake), or none. An emptied form field means "no role".
 */
export const discordRoleIdSchema = z
  .union([storedText('must be a Discord role id').trim(), z.null()])
  .transform((id) => (id === '' ? null : id))
  .refine((id) => id === null || /^\d{1,32}$/.test(id), 'must be a Discord role id (digits only), or empty');

/**
 * After a committed write: this process reads the new catalog at once, and the others (bots drop
 * their copy on the announcement; workers after the cache's 60 s) follow.
 */
export async function catalogChanged(
  deps: CatalogWriteDeps,
  entity: 'ranks' | 'achievements',
  action: 'created' | 'updated' | 'deleted',
  id: number,
): Promise<void> {
  deps.catalog.invalidate();
  await deps.changes.publish({ entity, action, id: String(id) });
}
