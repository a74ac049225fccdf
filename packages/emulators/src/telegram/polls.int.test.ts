import type { Poll, PollAnswer } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

async function guild() {
  const ana = await fixture.control.createUser({ firstName: 'Ana' });
  const ben = await fixture.control.createUser({ firstName: 'Ben' });
  const group = await fixture.control.createGroup({ title: 'Guild', members: [ana.id, ben.id] });
  return { ana, ben, group };
}

describe('sendPoll and stopPoll', () => {
  it('sends a regular poll and a quiz, and refuses what Telegram refuses', async () => {
    const { group } = await guild();
    const poll = await fixture.bot.telegram.sendPoll(
      group.id,
      'Next event?',
      ['Raid', 'Tournament', 'Quiz night'],
      {
        is_anonymous: false,
        allows_multiple_answers: true,
      },
    );
    expect(poll.poll).toEqual({
      id: expect.stringMatching(/^\d+$/),
      question: 'Next event?',
      options: [
        { text: 'Raid', voter_count: 0 },
        { text: 'Tournament', voter_count: 0 },
        { text: 'Quiz night', voter_count: 0 },
      ],
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: false,
      type: 'regular',
      allows_multiple_answers: true,
    });

    const quiz = await fixture.bot.telegram.sendQuiz(group.id, 'Max level?', ['50', '60'], {
      correct_option_id: 1,
      explanation: 'Since the *last* patch',
      explanation_parse_mode: 'MarkdownV2',
    });
    expect(quiz.poll).toMatchObject({
      type: 'quiz',
      is_anonymous: true,
      allows_multiple_answers: false,
      correct_option_id: 1,
      explanation: 'Since the last patch',
      explanation_entities: [{ type: 'bold', offset: 10, length: 4 }],
    });

    const refusal = (description: string) => ({
      response: { error_code: 400, description: `Bad Request: ${description}` },
    });
    const sendPoll = (options: string[]) => fixture.bot.telegram.sendPoll(group.id, 'Q?', options);
    await expect(sendPoll(['only one'])).rejects.toMatchObject(refusal('poll must have at least 2 option'));
    await expect(sendPoll(Array.from({ length: 11 }, (_, i) => `option ${i}`))).rejects.toMatchObject(
      refusal("poll can't have more than 10 options"),
    );
    await expect(sendPoll(['yes', ''])).rejects.toMatchObject(refusal('poll options must be non-empty'));
    await expect(sendPoll(['a'.repeat(101), 'b'])).rejects.toMatchObject(
      refusal('poll options length must not exceed 100'),
    );
    await expect(fixture.bot.telegram.sendQuiz(group.id, 'Q?', ['a', 'b'])).rejects.toMatchObject(
      refusal('wrong correct option ID specified'),
    );
    await expect(
      fixture.bot.telegram.sendQuiz(group.id, 'Q?', ['a', 'b'], { correct_option_id: 2 }),
    ).rejects.toMatchObject(refusal('wrong correct option ID specified'));
  });

  it('delivers votes as poll_answer and poll updates, closes with stopPoll, and takes no vote after', async () => {
    const answers: PollAnswer[] = [];
    const states: Poll[] = [];
    fixture.bot.on('poll_answer', (ctx) => {
      answers.push(ctx.pollAnswer);
    });
    fixture.bot.on('poll', (ctx) => {
      states.push(ctx.poll);
    });
    await fixture.launch();
    const { ana, ben, group } = await guild();
    const sent = await fixture.bot.telegram.sendPoll(group.id, 'Next event?', ['Raid', 'Tournament'], {
      is_anonymous: false,
    });
    const messageId = sent.message_id;

    await fixture.control.votePoll({ from: ana.id, chatId: group.id, messageId, optionIds: [0] });
    const voted = await fixture.control.votePoll({
      from: ben.id,
      chatId: group.id,
      messageId,
      optionIds: [0],
    });
    expect(voted.poll.options.map((option) => option.voter_count)).toEqual([2, 0]);
    await fixture.control.votePoll({ from: ben.id, chatId: group.id, messageId, optionIds: [] });
    await expect.poll(() => states.length).toBe(3);

    expect(answers).toEqual([
      { poll_id: sent.poll.id, user: expect.objectContaining({ id: ana.id }), option_ids: [0] },
      { poll_id: sent.poll.id, user: expect.objectContaining({ id: ben.id }), option_ids: [0] },
      { poll_id: sent.poll.id, user: expect.objectContaining({ id: ben.id }), option_ids: [] },
    ]);
    expect(states.at(-1)).toMatchObject({
      total_voter_count: 1,
      options: [{ voter_count: 1 }, { voter_count: 0 }],
    });
    await expect(
      fixture.control.votePoll({ from: ana.id, chatId: group.id, messageId, optionIds: [0, 1] }),
    ).rejects.toMatchObject({ status: 409 });

    const stopped = await fixture.bot.telegram.stopPoll(group.id, messageId);
    expect(stopped).toMatchObject({ id: sent.poll.id, is_closed: true, total_voter_count: 1 });
    await expect.poll(() => states.at(-1)?.is_closed).toBe(true);
    await expect(fixture.bot.telegram.stopPoll(group.id, messageId)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: poll has already been closed' },
    });
    await expect(
      fixture.control.votePoll({ from: ben.id, chatId: group.id, messageId, optionIds: [1] }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
