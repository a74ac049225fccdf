import { describe, expect, it } from 'vitest';
import type { PlayerTask } from '../tasks/list-tasks.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { proofPromptReply, submissionReply, taskListReply } from './tasks.ts';

const t = shippedTranslator('en');

function task(id: number, title: string, submission: PlayerTask['submission'] = null): PlayerTask {
  return { id, title, description: '', proofHint: null, rewardXp: 50, rewardCoins: 10, submission };
}

describe('task replies', () => {
  it('list each task with its reward and this player’s status', () => {
    const text = taskListReply(t, [
      { ...task(1, 'Introduce yourself'), description: 'Say hello in #introductions.', proofHint: 'A link' },
      task(2, 'Invite a friend', { id: 's2', status: 'pending', note: null }),
      task(3, 'Share a highlight', { id: 's3', status: 'approved', note: null }),
      task(4, 'Stream', { id: 's4', status: 'rejected', note: 'No link' }),
    ]);
    expect(text).toBe(
      [
        '📋 Tasks you can do for rewards:',
        '',
        '1. Introduce yourself (+50 XP and +10 coins): 🆕 open',
        '   Say hello in #introductions.',
        '   Proof: A link',
        '2. Invite a friend (+50 XP and +10 coins): ⏳ waiting for review',
        '3. Share a highlight (+50 XP and +10 coins): ✅ done',
        '4. Stream (+50 XP and +10 coins): ❌ not accepted (No link): you can send new proof',
        '',
        "Send your proof with /submit and the task's number.",
      ].join('\n'),
    );
    expect(taskListReply(t, [])).toBe('There are no tasks right now. Check back soon!');
  });

  it('answer a submission naming the task', () => {
    const result = { task: { id: 1, title: 'Say hi', rewardXp: 50, rewardCoins: 0 }, resubmitted: false };
    expect(submissionReply(t, result)).toBe(
      `📨 Thanks! Your proof for "Say hi" was received. An admin will review it and you'll get a message when they do (reward: +50 XP).`,
    );
    expect(submissionReply(t, { ...result, resubmitted: true })).toMatch(
      /^📨 Got your new proof for "Say hi"\./,
    );
    expect(proofPromptReply(t, { title: 'Say hi', proofHint: 'A link to your message' })).toBe(
      'Send your proof for "Say hi" as your next message (a link to your message).',
    );
    const coinsOnly = { ...result, task: { ...result.task, rewardXp: 0, rewardCoins: 5 } };
    expect(submissionReply(t, coinsOnly)).toMatch(/\(reward: \+5 coins\)\.$/);
    const unpaid = { ...result, task: { ...result.task, rewardXp: 0 } };
    expect(submissionReply(t, unpaid)).toBe(
      `📨 Thanks! Your proof for "Say hi" was received. An admin will review it and you'll get a message when they do.`,
    );
  });
});
