import { type ChangeSubscription, subscribeToChanges } from '../live/changes.ts';
import type { TelegramDeps } from './telegram-deps.ts';

/** Where this installation announces its entity changes (src/live/changes.ts). */
export interface ChangeFeedOptions {
  redisUrl: string;
  /** The installation's queue prefix, which names the changes channel. */
  prefix: string;
}

/**
 * Menus, scenarios, tasks and earning settings are cached in the bot process; an admin edit
 * announced on the change feed drops the matching entries, so the next /start shows it without a
 * restart. A missed announcement only delays the edit until the caches expire on their own.
 */
export function followAdminChanges(
  deps: Pick<TelegramDeps, 'content' | 'settings' | 'texts' | 'logger'>,
  feed: ChangeFeedOptions,
): Promise<ChangeSubscription> {
  return subscribeToChanges(
    feed.redisUrl,
    feed.prefix,
    (change) => {
      deps.content.onChange(change);
      deps.settings.onChange(change);
      deps.texts.onChange(change);
    },
    deps.logger,
  );
}
