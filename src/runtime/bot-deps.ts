import type { Redis } from 'ioredis';
import type { CatalogCache } from '../catalog/catalog.ts';
import type { ContentCache } from '../content/content-cache.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';
import type { SyncContext } from '../sync/context.ts';
import type { Queues } from '../sync/queues.ts';

/** What a bot process hands its handlers: the shared services, never a platform client. */
export interface BotDeps {
  db: Database;
  engine: Engine;
  queues: Queues;
  catalog: CatalogCache;
  settings: SettingsCache;
  content: ContentCache;
  /** For short-lived bot state (update de-duplication, conversation steps). */
  redis: Redis;
  logger: Logger;
  changes: ChangePublisher;
  /** For the services that act like the sync workers (e.g. Discord `/sync`, role drift on member updates). */
  sync: SyncContext;
}
