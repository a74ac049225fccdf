import type { Message } from '../core/message.ts';
import { asSentence, type NoticeQueue, rewardKey } from '../core/notice-queue.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { messageOf } from '../texts/default-texts.ts';
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
  message: Message,
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
        message,
      });
    } catch (error) {
      deps.logger?.warn(
        { err: error, submissionId: submission.id, platform: identity.platform },
        'task decision notice not queued: Redis unreachable',
      );
    }
  }
}

/**
 * Sent to the player on each linked platform when an admin approves their proof: the one message of
 * the approval, with the reward and the totals it left (the reward's ledger row tells nothing more).
 */
export function taskApprovedNotice(
  task: { title: string },
  paid: { xp: number; coins: number } | null,
  totals: { xp: number; balance: number } | null,
): Message {
  const xp = paid?.xp ?? 0;
  const coins = paid?.coins ?? 0;
  if (!totals) return messageOf('notice.task.approved', { task: task.title });
  return messageOf(rewardKey('notice.task.approved', xp, coins), {
    task: task.title,
    xp,
    coins,
    totalXp: totals.xp,
    totalCoins: totals.balance,
  });
}

/** Sent to the player on each linked platform when an admin rejects their proof. */
export function taskRejectedNotice(task: { title: string }, note: string | null): Message {
  return note
    ? messageOf('notice.task.rejected.note', { task: task.title, note: asSentence(note) })
    : messageOf('notice.task.rejected', { task: task.title });
}
