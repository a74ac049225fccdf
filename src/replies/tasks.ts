import type { TaskView } from '../content/content-cache.ts';
import { rewardText } from '../core/text-format.ts';
import type { PlayerTask } from '../tasks/list-tasks.ts';
import type { SubmitTaskResult } from '../tasks/submit-task.ts';

/** Task texts, the same on Telegram and Discord (plain text, no markup). */

function statusText(task: PlayerTask): string {
  switch (task.submission?.status) {
    case 'approved':
      return '✅ done';
    case 'pending':
      return '⏳ waiting for review';
    case 'rejected':
      return `❌ not accepted${task.submission.note ? ` (${task.submission.note})` : ''}: you can send new proof`;
    default:
      return '🆕 open';
  }
}

export function taskListReply(tasks: readonly PlayerTask[]): string {
  if (tasks.length === 0) return 'There are no tasks right now. Check back soon!';
  const lines = ['📋 Tasks you can do for rewards:', ''];
  for (const task of tasks) {
    const reward = rewardText(task.rewardXp, task.rewardCoins);
    lines.push(`${task.id}. ${task.title}${reward ? ` (${reward})` : ''}: ${statusText(task)}`);
    if (task.description) lines.push(`   ${task.description}`);
    if (task.proofHint && !isSettled(task)) lines.push(`   Proof: ${task.proofHint}`);
  }
  lines.push('', "Send your proof with /submit and the task's number.");
  return lines.join('\n');
}

function isSettled(task: PlayerTask): boolean {
  return task.submission?.status === 'approved' || task.submission?.status === 'pending';
}

export function proofPromptReply(task: Pick<TaskView, 'title' | 'proofHint'>): string {
  return (
    `Send your proof for "${task.title}" as your next message` +
    `${task.proofHint ? ` (${lowerFirst(task.proofHint)})` : ''}.`
  );
}

export function submissionReply(result: Pick<SubmitTaskResult, 'task' | 'resubmitted'>): string {
  const reward = rewardText(result.task.rewardXp, result.task.rewardCoins);
  const intro = result.resubmitted
    ? `📨 Got your new proof for "${result.task.title}".`
    : `📨 Thanks! Your proof for "${result.task.title}" was received.`;
  return `${intro} An admin will review it and you'll get a message when they do${reward ? ` (reward: ${reward})` : ''}.`;
}

export function submitUsageReply(): string {
  return 'Send it like this: /submit <task number> <your proof>, e.g. /submit 2 https://example.org/my-post. Send /tasks to see the numbers.';
}

export function taskUnavailableReply(): string {
  return 'This task is not available anymore. Send /tasks to see the current ones.';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
