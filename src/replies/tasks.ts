import type { TaskView } from '../content/content-cache.ts';
import type { PlayerTask } from '../tasks/list-tasks.ts';
import type { SubmitTaskResult } from '../tasks/submit-task.ts';
import type { Translate } from '../texts/texts.ts';
import { rewardOf } from './reply-format.ts';

/** Task texts, the same on Telegram and Discord (plain text, no markup). Titles are the admins' own. */

function statusText(t: Translate, task: PlayerTask): string {
  switch (task.submission?.status) {
    case 'approved':
      return t('reply.tasks.done');
    case 'pending':
      return t('reply.tasks.pending');
    case 'rejected':
      return task.submission.note
        ? t('reply.tasks.rejectedNote', { note: task.submission.note })
        : t('reply.tasks.rejected');
    default:
      return t('reply.tasks.open');
  }
}

/** `+50 XP and +10 coins`, or null for a task that pays nothing. */
function rewardText(t: Translate, task: { rewardXp: number; rewardCoins: number }): string | null {
  return task.rewardXp > 0 || task.rewardCoins > 0 ? rewardOf(t, task.rewardXp, task.rewardCoins) : null;
}

export function taskListReply(t: Translate, tasks: readonly PlayerTask[]): string {
  if (tasks.length === 0) return t('reply.tasks.empty');
  const lines = [t('reply.tasks.title'), ''];
  for (const task of tasks) {
    const reward = rewardText(t, task);
    const row = { task: String(task.id), title: task.title, status: statusText(t, task) };
    lines.push(reward ? t('reply.tasks.row', { ...row, reward }) : t('reply.tasks.rowNoReward', row));
    if (task.description) lines.push(`   ${task.description}`);
    if (task.proofHint && !isSettled(task))
      lines.push(`   ${t('reply.tasks.proof', { hint: task.proofHint })}`);
  }
  lines.push('', t('reply.tasks.howToSubmit'));
  return lines.join('\n');
}

function isSettled(task: PlayerTask): boolean {
  return task.submission?.status === 'approved' || task.submission?.status === 'pending';
}

/** The label of the button under /tasks that asks for a task's proof. */
export function submitButtonLabel(t: Translate, task: Pick<TaskView, 'title'>): string {
  return t('reply.tasks.submitButton', { title: task.title });
}

export function proofPromptReply(t: Translate, task: Pick<TaskView, 'title' | 'proofHint'>): string {
  return task.proofHint
    ? t('reply.tasks.proofPromptHint', { title: task.title, hint: lowerFirst(task.proofHint) })
    : t('reply.tasks.proofPrompt', { title: task.title });
}

export function submissionReply(
  t: Translate,
  result: Pick<SubmitTaskResult, 'task' | 'resubmitted'>,
): string {
  const reward = rewardText(t, result.task);
  const title = result.task.title;
  if (result.resubmitted) {
    return reward
      ? t('reply.tasks.resubmittedReward', { title, reward })
      : t('reply.tasks.resubmitted', { title });
  }
  return reward ? t('reply.tasks.receivedReward', { title, reward }) : t('reply.tasks.received', { title });
}

export function submitUsageReply(t: Translate): string {
  return t('reply.tasks.submitUsage');
}

export function taskUnavailableReply(t: Translate): string {
  return t('reply.tasks.unavailable');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
