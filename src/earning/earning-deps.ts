import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';

/** What the earning services work with; each bot's deps (and a process's Services) have all of it. */
export interface EarningDeps {
  engine: Engine;
  db: Pick<Database, 'pool'>;
  settings: SettingsCache;
}

/** A player's totals right after an earning, for the bot's answer. */
export interface PlayerTotals {
  xp: number;
  balance: number;
}
