import { type ChangeSubscription, type EntityChange, subscribeToChanges } from '../live/changes.ts';
import { languageSettingsKey } from '../texts/language-settings.ts';
import type { TelegramDeps } from './telegram-deps.ts';

/** Where this installation announces its entity changes (src/live/changes.ts). */
export interface ChangeFeedOptions {
  redisUrl: string;
  /** The installation's queue prefix, which names the changes channel. */
  prefix: string;
}

/**
 * Menus, scenarios, tasks, earning settings and texts are cached in the bot process; an admin edit
 * announced on the change feed drops the matching entries, so the next /start shows it without a
 * restart. A missed announcement only delays the edit until the caches expire on their own.
 * `afterChange` runs once the caches are dropped (the command menus are published again from it).
 */
export function followAdminChanges(
  deps: Pick<TelegramDeps, 'content' | 'settings' | 'texts' | 'logger'>,
  feed: ChangeFeedOptions,
  afterChange: (change: EntityChange) => void = () => {},
): Promise<ChangeSubscription> {
  return subscribeToChanges(
    feed.redisUrl,
    feed.prefix,
    (change) => {
      deps.content.onChange(change);
      deps.settings.onChange(change);
      deps.texts.onChange(change);
      afterChange(change);
    },
    deps.logger,
  );
}

/** An edit of a command's description, or of the default language the default menu is in. */
export function changesCommandMenus(change: EntityChange): boolean {
  if (change.entity === 'texts') return change.id.startsWith('command.');
  return change.entity === 'settings' && change.id === languageSettingsKey;
}
