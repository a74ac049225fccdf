import type { CatalogCache } from '../catalog/catalog.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';
import type { Texts } from '../texts/texts.ts';
import type { PlatformPorts } from './ports.ts';
import type { Queues } from './queues.ts';

/** What the sync processors and scheduled tasks work with; built once per process. */
export interface SyncContext {
  db: Database;
  engine: Engine;
  queues: Queues;
  catalog: CatalogCache;
  ports: PlatformPorts;
  /** Writes each notice in its reader's language when it is sent. */
  texts: Texts;
  logger: Logger;
  /** Written to SyncEvent.processedBy. */
  workerName: string;
  /** Tells admin pages what moved; absent in contexts no page watches (benchmarks, some tests). */
  changes?: ChangePublisher;
  /** This process's metrics; absent where nobody scrapes them (benchmarks, some tests). */
  metrics?: TandemMetrics;
}
