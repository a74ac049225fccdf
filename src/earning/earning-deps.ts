import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';
import type { Engine } from '../sync/engine.ts';
import { InvalidChangeError } from '../sync/errors.ts';

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

/** Parses a service's input; a bad one is an InvalidChangeError and nothing is written. */
export function parseEarningInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidChangeError.fromZod(parsed.error, what);
  return parsed.data;
}
