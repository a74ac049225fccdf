import type { SyncContext } from './context.ts';
import type { Notice } from './notification-rules.ts';

/**
 * Hands notices to the paced notifications queue. The job id names the event and the platform, so
 * a processor that runs twice sends each notice once.
 */
export async function enqueueNotices(
  ctx: SyncContext,
  eventId: string,
  notices: readonly Notice[],
): Promise<void> {
  for (const notice of notices) {
    if (!ctx.ports[notice.platform]) continue;
    await ctx.queues.enqueueNotification(`notify-${eventId}-${notice.platform}`, notice);
  }
}
