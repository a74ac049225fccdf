import {
  type AnnouncedPlayer,
  readAnnouncedPlayer,
  setAnnouncementDms,
} from '../announcements/announcement-dms.ts';
import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Translate } from '../texts/texts.ts';

/** What `/announcements` was given: `on`, `off`, or nothing (show the current choice). */
export type AnnouncementDmsChoice = 'on' | 'off' | 'show';

const words: Record<string, AnnouncementDmsChoice> = {
  '': 'show',
  on: 'on',
  off: 'off',
  вкл: 'on',
  выкл: 'off',
};

/** null for anything else, which the reply explains. */
export function parseAnnouncementDmsChoice(typed: string): AnnouncementDmsChoice | null {
  return words[typed.trim().toLowerCase()] ?? null;
}

/**
 * `/announcements` on both bots: turns the player's own DMs of their rank-ups and achievements on or
 * off, or says which it is. The channels' announcements are the community's and stay.
 */
export async function announcementDmsReply(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  playerId: string,
  choice: AnnouncementDmsChoice | null,
  t: Translate,
): Promise<string> {
  if (choice === null) return t('reply.announcements.unknown');
  if (choice === 'show') {
    const player: AnnouncedPlayer | null = await readAnnouncedPlayer(deps.db, playerId);
    return t(player?.dmsOn === false ? 'reply.announcements.statusOff' : 'reply.announcements.statusOn');
  }
  await setAnnouncementDms(deps, playerId, choice === 'on');
  return t(choice === 'on' ? 'reply.announcements.on' : 'reply.announcements.off');
}
