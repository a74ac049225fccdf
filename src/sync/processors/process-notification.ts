import type { SyncContext } from '../context.ts';
import type { NotificationJob } from '../queues.ts';

/** Sends one notice; a platform that is not running drops it (there is nobody to tell). */
export async function processNotification(
  ctx: SyncContext,
  job: NotificationJob,
): Promise<'sent' | 'skipped'> {
  const port = ctx.ports[job.platform];
  if (!port) return 'skipped';
  await port.notify(job.platformUserId, job.text);
  return 'sent';
}
