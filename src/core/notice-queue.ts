import type { Platform } from './platforms.ts';

/** A message for one player on one platform. */
export interface Notice {
  platform: Platform;
  platformUserId: string;
  text: string;
}

/**
 * Where a feature hands the notices it sends: the paced notifications queue (`src/sync/queues.ts`
 * implements it). The id names the notice, so one handed over twice is sent once.
 */
export interface NoticeQueue {
  enqueueNotification(dedupId: string, notice: Notice): Promise<void>;
}
