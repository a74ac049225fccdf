import type { EntityChange } from '../live/changes.ts';
import type { DiscordDeps } from './discord-deps.ts';

/**
 * Drops what an admin's change made stale in this bot process: the earning settings, the menu and
 * scenario content, and the rank/achievement catalog (role drift is judged against it).
 */
export function applyEntityChange(
  deps: Pick<DiscordDeps, 'settings' | 'content' | 'texts' | 'catalog'>,
  change: EntityChange,
): void {
  deps.settings.onChange(change);
  deps.texts.onChange(change);
  deps.content.onChange(change);
  if (change.entity === 'ranks' || change.entity === 'achievements') deps.catalog.invalidate();
}
