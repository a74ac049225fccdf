import type { NoticeQueue } from '../core/notice-queue.ts';
import { rewardText } from '../core/text-format.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import type { Submission } from './submission.ts';

/**
 * Tells the player about a decision on each platform they are linked on, through the paced
 * notifications queue. The job id names the submission, the version the decision produced and the
 * platform: one notice per decision however often this runs, and a new one after a re-submission is
 * decided again. The decision is already committed, so an unreachable Redis is logged, not thrown.
 */
export async function notifySubmissionDecision(
  deps: {
    db: Pick<Database, 'pool'>;
    queues: NoticeQueue;
    logger?: Pick<Logger, 'warn'>;
  },
  submission: Pick<Submission, 'id' | 'playerId' | 'status' | 'version'>,
  text: string,
): Promise<void> {
  const { rows } = await deps.db.pool.query<{ platform: 'telegram' | 'discord'; platform_user_id: string }>(
    'SELECT platform, platform_user_id FROM identities WHERE player_id = $1 AND sync_enabled ORDER BY platform',
    [submission.playerId],
  );
  for (const identity of rows) {
    const dedupId = `task-${submission.id}-v${submission.version}-${submission.status}-${identity.platform}`;
    try {
      await deps.queues.enqueueNotification(dedupId, {
        platform: identity.platform,
        platformUserId: identity.platform_user_id,
        text,
      });
    } catch (error) {
      deps.logger?.warn(
        { err: error, submissionId: submission.id, platform: identity.platform },
        'task decision notice not queued: Redis unreachable',
      );
    }
  }
}

/** Sent to the player on each linked platform when an admin approves their proof. */
export function taskApprovedNotice(
  task: { title: string },
  paid: { xp: number; coins: number } | null,
): string {
  const reward = paid ? rewardText(paid.xp, paid.coins) : '';
  return `✅ Your proof for "${task.title}" was approved${reward ? `: ${reward}!` : '.'}`;
}

/** Sent to the player on each linked platform when an admin rejects their proof. */
export function taskRejectedNotice(task: { title: string }, note: string | null): string {
  return (
    `❌ Your proof for "${task.title}" was not accepted${note ? `: ${note}` : '.'}` +
    `${note && !/[.!?]$/.test(note) ? '.' : ''} You can send new proof any time (see /tasks).`
  );
}
