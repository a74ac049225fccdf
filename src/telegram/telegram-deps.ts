import type { CatalogCache } from '../catalog/catalog.ts';
import type { ContentCache } from '../content/content-cache.ts';
import type { NoticeQueue } from '../core/notice-queue.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import type { TandemMetrics } from '../metrics/process-metrics.ts';
import type { RedisConnection } from '../redis/connection.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';
import type { ShopJobQueue } from '../shop/purchase.ts';
import type { Texts } from '../texts/texts.ts';

/**
 * What the Telegram bot's handlers work with: the services of the features it calls (earning,
 * linking, payouts, tasks, the profile and leaderboard, the menu's content), never a platform
 * client and nothing of the workers. The process that runs the bot builds it (src/runtime).
 */
export interface TelegramDeps {
  db: Pick<Database, 'pool'>;
  engine: Engine;
  /**
   * For the notices a feature sends on the player's other platform (e.g. "linked"), and the grant
   * of a purchase, which the workers' platform queue carries out.
   */
  queues: NoticeQueue & ShopJobQueue;
  catalog: CatalogCache;
  settings: SettingsCache;
  content: ContentCache;
  /** Every text the bot sends, in the player's language with the community's edits. */
  texts: Texts;
  /** For short-lived bot state (update de-duplication, conversation steps). */
  redis: RedisConnection;
  logger: Logger;
  changes: ChangePublisher;
  /** The process's metrics: links, payouts, when the bot last heard from its platform. @defaultValue not counted */
  metrics?: TandemMetrics;
}
