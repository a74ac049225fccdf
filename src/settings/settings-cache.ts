import { cachedValue } from '../core/cached-value.ts';
import type { Database } from '../db/database.ts';
import type { EconomySettings } from '../economy/earning-rules.ts';
import type { EntityChange } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { loadEconomySettings } from './economy-settings.ts';

/**
 * The earning rules, read on every message and command: cached for `ttlMs` (the safety net) and
 * dropped at once when a `settings` change is announced.
 */
export interface SettingsCache {
  economy(): Promise<EconomySettings>;
  /** Drops the cache when `change` concerns settings; other changes are ignored. */
  onChange(change: EntityChange): void;
  invalidate(): void;
}

export function createSettingsCache(
  db: Pick<Database, 'pool'>,
  logger?: Pick<Logger, 'warn'>,
  ttlMs = 60_000,
  now = () => Date.now(),
): SettingsCache {
  const economy = cachedValue(() => loadEconomySettings(db, logger), { ttlMs, now });
  return {
    economy: () => economy.get(),
    onChange(change) {
      if (change.entity === 'settings') economy.drop();
    },
    invalidate: () => economy.drop(),
  };
}
